import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, readTopic, SAMPLE_CSV, startDistributed } from './support';

interface AuditEventBody {
  id: string;
  type: string;
  chainId: string;
  subject: { broadcastId?: string };
  body: { outcomes?: { status: string; pseudonym: string }[]; audienceSize?: number };
}

describe('walking skeleton, distributed: gateway and dispatcher processes, PostgreSQL, Kafka', () => {
  let d: Deployment;
  let admin: ApiClient;
  const brokers = inject('kafkaBrokers');

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'skeleton', brokers);
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
  });
  afterAll(async () => d?.stop());

  it('carries a police broadcast from the admin API to a citizen who joined by SMS-style keyword, and audits it on Kafka', async () => {
    const imported = await admin.request<{ created: number }>('POST', '/api/v1/jurisdictions/import', {
      csv: SAMPLE_CSV,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.created).toBeGreaterThan(50);
    const reimported = await admin.request<{ created: number; unchanged: number }>(
      'POST',
      '/api/v1/jurisdictions/import',
      { csv: SAMPLE_CSV },
    );
    expect(reimported.body).toMatchObject({ created: 0, updated: 0 });

    const group = await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल थाना जनसेतु',
    });
    expect(group.status).toBe(201);
    expect(group.body.joinCode).toMatch(/^[0-9]{6}$/);

    const citizen = '+919876543210';
    expect((await citizenSends(d.api, citizen, `जुड़ें ${group.body.joinCode}`, 'SIM-join-1')).body).toEqual({
      accepted: true,
    });
    // The provider retries the same webhook: no second effect.
    expect((await citizenSends(d.api, citizen, `जुड़ें ${group.body.joinCode}`, 'SIM-join-1')).body).toEqual({
      accepted: false,
    });

    const confirmation = await eventually(
      async () => (await inboxOf(d.api, citizen)).find((m) => m.text.includes('STOP')),
      30_000,
      'join confirmation',
    );
    expect(confirmation.text).toMatch(/^जनसेतु: आप/);
    const groups = await admin.request<{ id: string; members: number }[]>('GET', '/api/v1/groups');
    expect(groups.body.find((g) => g.id === group.body.id)?.members).toBe(1);

    const broadcast = await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.body.id] },
      category: 'rumour_rebuttal',
      body: {
        hi: 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ।',
        en: 'The child-lifter rumour is false. Do not spread it.',
      },
    });
    expect(broadcast.status).toBe(201);
    expect(broadcast.body.recipients).toBe(1);

    await eventually(
      async () => (await inboxOf(d.api, citizen)).find((m) => m.text.startsWith('बच्चा चोरी')),
      30_000,
      'broadcast at the citizen',
    );
    expect((await inboxOf(d.api, citizen)).filter((m) => m.text.startsWith('बच्चा चोरी'))).toHaveLength(1);

    // An auditor's own Kafka consumer sees the broadcast's events on the topic.
    const onTopic = (await readTopic(brokers, `${d.topicPrefix}jansetu.audit.v1`, (values) =>
      (values as { payload: AuditEventBody }[]).some(
        (v) => v.payload.subject.broadcastId === broadcast.body.id && v.payload.type === 'broadcast.completed',
      ),
    )) as { payload: AuditEventBody }[];
    const mine = onTopic.map((v) => v.payload).filter((e) => e.subject.broadcastId === broadcast.body.id);
    expect(mine.map((e) => e.type)).toEqual(['broadcast.created', 'broadcast.messages_sent', 'broadcast.completed']);
    expect(mine[1].body.outcomes).toEqual([
      expect.objectContaining({ status: 'sent', pseudonym: expect.stringMatching(/^N-/) }),
    ]);

    // ...and the auditor API returns the same events, once each.
    await admin.request('POST', '/api/v1/officers', {
      username: 'auditor.state',
      password: 'auditor-password-1',
      role: 'auditor',
      displayName: 'State auditor',
    });
    const auditor = d.api.as(await d.api.login('auditor.state', 'auditor-password-1'));
    const stored = await eventually(
      async () => {
        const res = await auditor.request<AuditEventBody[]>(
          'GET',
          `/api/v1/audit/events?broadcastId=${broadcast.body.id}`,
        );
        return res.body.length === 3 ? res.body : undefined;
      },
      30_000,
      'audit events in the auditor API',
    );
    expect(stored.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    // No phone number anywhere an auditor or officer can read.
    expect(JSON.stringify(stored)).not.toContain('9876543210');
    expect(JSON.stringify(groups.body)).not.toContain('9876543210');
    // ...nor in the logs of either process.
    expect(d.gateway.log + d.dispatcher.log).not.toContain('9876543210');
  });

  it('refuses what the caller may not do', async () => {
    expect((await d.api.request('GET', '/api/v1/groups')).status).toBe(401);
    expect((await d.api.request('GET', '/api/v1/groups', undefined, 'not-a-token')).status).toBe(401);
    // A differently spelled path is no way around the guard.
    const sneaky = await d.api.request('POST', '/API/v1/officers', {
      username: 'intruder',
      password: 'intruder-password',
      role: 'hq_admin',
      displayName: 'x',
    });
    expect([401, 404]).toContain(sneaky.status);
    expect(
      (await d.api.request('POST', '/api/v1/auth/login', { username: 'intruder', password: 'intruder-password' }))
        .status,
    ).toBe(401);

    await admin.request('POST', '/api/v1/officers', {
      username: 'auditor.two',
      password: 'auditor-password-2',
      role: 'auditor',
      displayName: 'Auditor',
    });
    const auditor = d.api.as(await d.api.login('auditor.two', 'auditor-password-2'));
    const groups = await admin.request<{ id: string; jurisdictionCode: string }[]>('GET', '/api/v1/groups');
    const anyGroup = groups.body[0];
    const asAuditor = await auditor.request('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [anyGroup.id] },
      category: 'alert',
      body: { hi: 'परीक्षण' },
    });
    expect(asAuditor.status).toBe(403);

    // A station officer of Kotwali (Patna) cannot act on Mufassil (Samastipur).
    await admin.request('POST', '/api/v1/officers', {
      username: 'sho.kotwali',
      password: 'sho-kotwali-password',
      role: 'station_officer',
      jurisdictionCode: 'PAT-KOTWALI',
      displayName: 'SHO Kotwali',
    });
    const sho = d.api.as(await d.api.login('sho.kotwali', 'sho-kotwali-password'));
    const mufassil = groups.body.find((g) => g.jurisdictionCode === 'SAM-MUFASSIL')!;
    const foreign = await sho.request<{ message: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [mufassil.id] },
      category: 'alert',
      body: { hi: 'परीक्षण' },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await sho.request('POST', '/api/v1/groups', { jurisdictionCode: 'SAM-MUFASSIL', name: 'not mine' })).status,
    ).toBe(403);
    expect((await sho.request('GET', '/api/v1/groups')).body).toEqual([]);
    // Their own station works.
    expect(
      (await sho.request('POST', '/api/v1/groups', { jurisdictionCode: 'PAT-KOTWALI', name: 'कोतवाली जनसेतु' })).status,
    ).toBe(201);
    // Bad input: a clear 400 naming the field, and nothing created.
    const bad = await sho.request<{ message: string[] }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: ['x'] },
      category: 'party',
      body: {},
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/category/);
  });
});
