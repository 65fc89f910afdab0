import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, SAMPLE_CSV, startDistributed } from './support';

interface Case {
  id: string;
  pseudonym: string;
  text: string;
  label: string;
  urgent: boolean;
  queue: string;
  flags: string[];
  inboxCode: string;
  channel: string;
}

describe('tip inbox end to end: routing, filtering, emergencies, replies, reveal and erasure', () => {
  let d: Deployment;
  let admin: ApiClient;
  let sho: ApiClient;
  let sp: ApiClient;
  const citizen = '+919234000001';
  const responses: string[] = [];

  const cases = async (client: ApiClient, query = '') => {
    const res = await client.request<Case[]>('GET', `/api/v1/inbox/cases${query}`);
    responses.push(JSON.stringify(res.body));
    return res.body;
  };
  const caseWith = (client: ApiClient, text: string, query = '') =>
    eventually(async () => (await cases(client, query)).find((c) => c.text.includes(text)), 30_000, `case "${text}"`);

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'inbox', inject('kafkaBrokers'));
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    const group = (
      await admin.request<{ joinCode: string }>('POST', '/api/v1/groups', {
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
    await citizenSends(d.api, citizen, `JOIN ${group.joinCode}`);
    await eventually(async () => ((await inboxOf(d.api, citizen)).length ? true : undefined), 30_000, 'joined');
  });
  afterAll(async () => d?.stop());

  it('files a member’s tip in their station’s queue under a pseudonym, and keeps greetings and politics out of it', async () => {
    await citizenSends(d.api, citizen, 'गाँव के स्कूल के पीछे रोज़ रात अवैध शराब बिकती है');
    const tip = await caseWith(sho, 'अवैध शराब');
    expect(tip).toMatchObject({ inboxCode: 'PAT-BARH-PS', queue: 'main', channel: 'simulator' });
    expect(tip.pseudonym).toMatch(/^T-/);

    await citizenSends(d.api, citizen, 'सुप्रभात सर, जय हिंद');
    await citizenSends(d.api, citizen, 'RJD zindabad, vote for our party');
    await caseWith(sho, 'सुप्रभात', '?queue=filtered');
    await caseWith(sho, 'zindabad', '?queue=filtered');
    const main = await cases(sho);
    expect(main.some((c) => c.text.includes('सुप्रभात') || c.text.includes('zindabad'))).toBe(false);
  });

  it('tells an emergency to dial 112 at once and marks it urgent', async () => {
    await citizenSends(d.api, citizen, 'jaldi aao bazaar me goli chal rahi hai');
    const urgent = await caseWith(sho, 'goli chal');
    expect(urgent.urgent).toBe(true);
    await eventually(
      async () => ((await inboxOf(d.api, citizen)).some((m) => m.text.includes('112')) ? true : undefined),
      30_000,
      '112 advice',
    );
  });

  it('carries an officer’s reply to the citizen’s own channel without showing the officer the number', async () => {
    const tip = await caseWith(sho, 'अवैध शराब');
    expect(
      (await sho.request('POST', `/api/v1/inbox/cases/${tip.id}/reply`, { text: 'धन्यवाद, टीम भेजी जा रही है।' })).status,
    ).toBeLessThan(300);
    await eventually(
      async () => ((await inboxOf(d.api, citizen)).some((m) => m.text.includes('टीम भेजी')) ? true : undefined),
      30_000,
      'officer reply',
    );
    // The officer sees that the answer went out (receipts move it on to delivered and read where the channel has them).
    const shown = await eventually(
      async () => {
        const res = await sho.request<{ replies: { text: string; delivery: string; deliveryFailure: null }[] }>(
          'GET',
          `/api/v1/inbox/cases/${tip.id}`,
        );
        return res.body.replies.at(-1)?.delivery === 'sent' ? res.body.replies : undefined;
      },
      30_000,
      'the reply shown as sent',
    );
    expect(shown.at(-1)).toMatchObject({ text: 'धन्यवाद, टीम भेजी जा रही है।', delivery: 'sent', deliveryFailure: null });
  });

  it('reveals an identity only to a district admin with a written reason, and audits it', async () => {
    const tip = await caseWith(sho, 'अवैध शराब');
    expect(
      (await sho.request('POST', `/api/v1/inbox/cases/${tip.id}/reveal`, { reason: 'need to call the informant' }))
        .status,
    ).toBe(403);
    expect((await sp.request('POST', `/api/v1/inbox/cases/${tip.id}/reveal`, { reason: 'short' })).status).toBe(400);
    // Issue #14: a reveal is two people's act: the district admin asks, citing an FIR; HQ approves.
    const reason = 'गवाही हेतु संपर्क आवश्यक (FIR 123/2026)';
    const asked = await sp.request<{ id: string }>('POST', `/api/v1/inbox/cases/${tip.id}/reveal-requests`, { reason });
    expect(asked.status).toBe(201);
    expect((await sp.request('POST', `/api/v1/inbox/reveal-requests/${asked.body.id}/approve`, {})).status).toBe(403);
    expect(
      (await admin.request('POST', `/api/v1/inbox/reveal-requests/${asked.body.id}/approve`, { note: 'FIR seen' }))
        .status,
    ).toBe(200);
    const revealed = await sp.request<{ address: string }>('POST', `/api/v1/inbox/cases/${tip.id}/reveal`, {
      reason: 'गवाही हेतु संपर्क आवश्यक (FIR 123/2026)',
    });
    expect(revealed.status).toBeLessThan(300);
    expect(JSON.stringify(revealed.body)).toContain('9234000001');
    const events = await eventually(
      async () => {
        const res = await admin.request<{ type: string }[]>('GET', '/api/v1/audit/events?type=inbox.identity_revealed');
        return res.body.length ? res.body : undefined;
      },
      30_000,
      'reveal audited',
    );
    expect(events).toHaveLength(1);
  });

  it('reports the request, its approval and the view to auditors, with no number', async () => {
    const report = await admin.request<{ status: string; reference: string; views: unknown[] }[]>(
      'GET',
      '/api/v1/inbox/reveals',
    );
    expect(report.status).toBe(200);
    expect(report.body).toEqual([
      expect.objectContaining({ status: 'approved', reference: 'FIR 123/2026', views: [expect.anything()] }),
    ]);
    expect(JSON.stringify(report.body)).not.toContain('9234000001');
    expect((await sho.request('GET', '/api/v1/inbox/reveals')).status).toBe(403);
  });

  it('keeps a muted sender’s emergency in the main queue and the urgent count, flagged', async () => {
    const tip = await caseWith(sho, 'अवैध शराब');
    expect((await sho.request('POST', `/api/v1/inbox/cases/${tip.id}/mute`, { reason: 'test' })).status).toBe(200);
    const before = (await sho.request<{ urgentOpen: number }[]>('GET', '/api/v1/inbox/counts')).body[0].urgentOpen;
    await citizenSends(d.api, citizen, 'गोली चल रही है, हत्या हो गई');
    const urgent = await caseWith(sho, 'हत्या हो गई');
    expect(urgent).toMatchObject({ urgent: true, queue: 'main', flags: ['muted-sender'] });
    expect((await sho.request<{ urgentOpen: number }[]>('GET', '/api/v1/inbox/counts')).body[0].urgentOpen).toBe(
      before + 1,
    );
  });

  it('erases the citizen’s contact data on ERASE and keeps the audit of what the police sent', async () => {
    await citizenSends(d.api, citizen, 'मिटाएं');
    await eventually(
      async () => {
        const groups = await admin.request<{ members: number }[]>('GET', '/api/v1/groups');
        return groups.body[0].members === 0 ? true : undefined;
      },
      30_000,
      'memberships erased',
    );
    const audit = await admin.request<unknown[]>('GET', '/api/v1/audit/events?limit=1000');
    expect(audit.body.length).toBeGreaterThan(0);
  });

  it('shows no officer a number, and no log line either', () => {
    expect(responses.join('')).not.toContain('9234000001');
    expect(d.gateway.log + d.dispatcher.log).not.toContain('9234000001');
  });
});
