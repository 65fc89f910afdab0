import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, SAMPLE_CSV, startDistributed } from './support';

interface Cluster {
  id: string;
  reports: number;
  senders: number;
  byDistrict: { code: string | null; reports: number }[];
  districtCodes: string[];
}

/** Issue #18 point 4 through the simulator: a citizen forwards a message to JanSetu and is told what it is. */
describe('rumour verification end to end', () => {
  let d: Deployment;
  let sho: ApiClient;
  let sp: ApiClient;
  const citizen = '+919234100001';
  const neighbour = '+919234100002';
  const answerTo = (address: string, words: string) =>
    eventually(
      async () => (await inboxOf(d.api, address)).find((m) => m.text.includes(words)),
      30_000,
      `answer "${words}"`,
    );

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'rumours', inject('kafkaBrokers'));
    const admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    const group = (
      await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'PAT-BARH-PS',
        name: 'बाढ़ थाना जनसेतु',
      })
    ).body;
    for (const [username, role, jurisdictionCode] of [
      ['sho.barh', 'station_officer', 'PAT-BARH-PS'],
      ['sp.patna', 'district_admin', 'PAT'],
    ]) {
      await admin.request('POST', '/api/v1/officers', {
        username,
        password: `${username}-password`,
        role,
        jurisdictionCode,
        displayName: username,
      });
    }
    sho = d.api.as(await d.api.login('sho.barh', 'sho.barh-password'));
    sp = d.api.as(await d.api.login('sp.patna', 'sp.patna-password'));
    for (const who of [citizen, neighbour]) await citizenSends(d.api, who, `JOIN ${group.joinCode}`);
    await eventually(async () => ((await inboxOf(d.api, neighbour)).length ? true : undefined), 30_000, 'joined');
    const sent = await sho.request<{ id: string; verificationCode: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'rumour_rebuttal',
      body: { hi: 'पुल टूटने की खबर झूठी है। पुल सुरक्षित है, अफवाह न फैलाएँ।', en: 'The bridge is safe.' },
    });
    expect(sent.status).toBe(201);
    const view = await sho.request<{ verificationCode: string }>('GET', `/api/v1/broadcasts/${sent.body.id}`);
    expect(view.body.verificationCode).toBe(sent.body.verificationCode);
    const received = await answerTo(citizen, 'पुल टूटने');
    expect(received.text).toContain(`सत्यापन कोड / Verify: ${sent.body.verificationCode}`);
  });
  afterAll(async () => d?.stop());

  it('tells a citizen who forwards the broadcast back that it is genuine, with the place and date', async () => {
    const received = (await inboxOf(d.api, citizen)).find((m) => m.text.includes('पुल टूटने'))!;
    await citizenSends(d.api, citizen, `Forwarded\n${received.text}`);
    const answer = await answerTo(citizen, 'Genuine Bihar Police message');
    expect(answer.text).toMatch(/^यह बिहार पुलिस का असली संदेश है/);
  });

  it('answers a marked rumour with its rebuttal at once, and the SP sees it spreading in Patna', async () => {
    const rumour = 'गंगा पुल टूट गया है, सैकड़ों लोग बह गए, प्रशासन छुपा रहा है, सबको फॉरवर्ड करो';
    expect(
      (
        await sho.request('POST', '/api/v1/rumours', {
          sample: rumour,
          rebuttal: { hi: 'पुल टूटने की खबर झूठी है।' },
        })
      ).status,
    ).toBe(403);
    const marked = await sp.request('POST', '/api/v1/rumours', {
      sample: rumour,
      rebuttal: { hi: 'पुल टूटने की खबर झूठी है।', en: 'The bridge-collapse story is false.' },
    });
    expect(marked.status).toBe(201);
    await citizenSends(d.api, neighbour, `Forwarded many times\n${rumour} 😱😱`);
    const answer = await answerTo(neighbour, 'Police: this is a rumour.');
    expect(answer.text).toBe(
      'पुलिस: यह अफवाह है। पुल टूटने की खबर झूठी है।\nPolice: this is a rumour. The bridge-collapse story is false.',
    );

    const clusters = await eventually(
      async () => {
        const res = await sp.request<Cluster[]>('GET', '/api/v1/rumours/clusters?hours=24');
        return res.body.find((c) => c.reports >= 1);
      },
      30_000,
      'a cluster',
    );
    expect(clusters).toMatchObject({ districtCodes: ['PAT'], byDistrict: [{ code: 'PAT', reports: 1 }] });
    expect(JSON.stringify(clusters)).not.toContain('9234100002');
    expect((await sp.request('GET', '/api/v1/rumours/clusters?hours=0')).status).toBe(400);
  });
});
