import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, SAMPLE_CSV, startDistributed } from './support';

describe('membership end to end: keywords, consent, leaving, linking, join material (simulator channel)', () => {
  let d: Deployment;
  let admin: ApiClient;
  let group: { id: string; joinCode: string };
  let other: { id: string; joinCode: string };

  /** Sends a text and waits for the reply it causes. */
  const ask = async (from: string, text: string) => {
    const before = (await inboxOf(d.api, from)).length;
    await citizenSends(d.api, from, text);
    return eventually(
      async () => {
        const inbox = await inboxOf(d.api, from);
        return inbox.length > before ? inbox[inbox.length - 1].text : undefined;
      },
      30_000,
      `reply to ${text}`,
    );
  };
  const broadcast = async (groupId: string, hi: string) =>
    (
      await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
        audience: { groupIds: [groupId] },
        category: 'awareness',
        body: { hi },
      })
    ).body;

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'membership', inject('kafkaBrokers'));
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    group = (
      await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'MUZ-PAROO',
        name: 'पारू जनसेतु',
      })
    ).body;
    other = (
      await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'MUZ-SARAIYA',
        name: 'सरैया जनसेतु',
      })
    ).body;
  });
  afterAll(async () => d?.stop());

  it('answers the first join with the consent notice, a second join harmlessly, and an unknown code without storing anything', async () => {
    const citizen = '+919122000001';
    const notice = await ask(citizen, `जुड़ें ${group.joinCode}`);
    expect(notice).toMatch(/^जनसेतु: आप/);
    expect(notice).toMatch(/बिहार पुलिस/);
    expect(notice).toMatch(/STOP/);
    expect(await ask(citizen, `join ${group.joinCode}`)).not.toBe(notice);
    const members = await admin.request<{ pseudonym: string; address: string }[]>(
      'GET',
      `/api/v1/groups/${group.id}/members`,
    );
    expect(members.body).toHaveLength(1);
    expect(JSON.stringify(members.body)).not.toContain('9122000001');
    expect(JSON.stringify(members.body)).toContain('•');

    const stranger = '+919122000099';
    expect(await ask(stranger, 'JOIN 999999')).toMatch(/999999/);
    const groups = await admin.request<{ id: string; members: number }[]>('GET', '/api/v1/groups');
    expect(groups.body.find((g) => g.id === group.id)?.members).toBe(1);
  });

  it('lets a citizen leave one group, and STOP silences every group before the next send', async () => {
    const citizen = '+919122000002';
    await ask(citizen, `JOIN ${group.joinCode}`);
    await ask(citizen, `JOIN ${other.joinCode}`);
    await ask(citizen, `छोड़ें ${group.joinCode}`);
    expect((await broadcast(group.id, 'पारू सूचना एक')).recipients).toBe(1); // the first citizen only
    expect((await broadcast(other.id, 'सरैया सूचना एक')).recipients).toBe(1);
    await eventually(
      async () => ((await inboxOf(d.api, citizen)).some((m) => m.text.startsWith('सरैया सूचना एक\n')) ? true : undefined),
      30_000,
      'other group broadcast',
    );
    expect((await inboxOf(d.api, citizen)).some((m) => m.text.startsWith('पारू सूचना एक\n'))).toBe(false);

    await ask(citizen, 'STOP');
    expect((await broadcast(other.id, 'सरैया सूचना दो')).recipients).toBe(0);
  });

  it('links a second number to the same citizen, and messages then go to the newest only', async () => {
    const first = '+919122000003';
    const second = '+919122000004';
    await ask(first, `JOIN ${group.joinCode}`);
    const linkReply = await ask(first, 'LINK');
    const code = /([0-9]{8})/.exec(linkReply)?.[1];
    expect(code).toBeDefined();
    await ask(second, `LINK ${code}`);
    const sent = await broadcast(group.id, 'पारू सूचना दो');
    expect(sent.recipients).toBe(2); // citizen 1 (first test) and the linked citizen, once
    await eventually(
      async () => ((await inboxOf(d.api, second)).some((m) => m.text.startsWith('पारू सूचना दो\n')) ? true : undefined),
      30_000,
      'linked delivery',
    );
    expect((await inboxOf(d.api, first)).some((m) => m.text.startsWith('पारू सूचना दो\n'))).toBe(false);
  });

  it('gives stations their join material and printable poster, and keeps other stations out', async () => {
    const material = await admin.request<{ joinCode: string; sms: string }>(
      'GET',
      `/api/v1/groups/${group.id}/join-material`,
    );
    expect(material.status).toBe(200);
    expect(material.body.joinCode).toBe(group.joinCode);
    const poster = await fetch(`${d.api.baseUrl}/api/v1/groups/${group.id}/poster.pdf`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(poster.headers.get('content-type')).toContain('application/pdf');
    expect((await poster.arrayBuffer()).byteLength).toBeGreaterThan(5000);

    await admin.request('POST', '/api/v1/officers', {
      username: 'sho.saraiya',
      password: 'sho-saraiya-password',
      role: 'station_officer',
      jurisdictionCode: 'MUZ-SARAIYA',
      displayName: 'SHO Saraiya',
    });
    const sho = d.api.as(await d.api.login('sho.saraiya', 'sho-saraiya-password'));
    for (const path of [
      `/api/v1/groups/${group.id}/members`,
      `/api/v1/groups/${group.id}/join-material`,
      `/api/v1/groups/${group.id}/poster.pdf`,
    ]) {
      expect((await sho.request('GET', path)).status).toBe(404);
    }
    expect((await sho.request('PATCH', `/api/v1/groups/${group.id}`, { name: 'दूसरे थाने का समूह' })).status).toBe(404);
    expect((await sho.request('POST', `/api/v1/groups/${group.id}/close`, {})).status).toBe(404);

    // A closed group refuses joins with a reply and stores nothing new.
    expect((await admin.request('POST', `/api/v1/groups/${other.id}/close`, {})).status).toBeLessThan(300);
    const late = '+919122000005';
    await ask(late, `JOIN ${other.joinCode}`);
    const groups = await admin.request<{ id: string; members: number }[]>('GET', '/api/v1/groups?status=closed');
    expect(groups.body.find((g) => g.id === other.id)?.members ?? 0).toBe(0);
  });
});
