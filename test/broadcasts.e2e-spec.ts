import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, AppProcess, eventually, freePort } from '@jansetu/testing';
import {
  ADMIN,
  citizenSends,
  Deployment,
  inboxOf,
  SAMPLE_CSV,
  seedMembers,
  simulatorCounts,
  startDistributed,
} from './support';

interface View {
  status: string;
  recipients: number;
  byStatus: Record<string, number>;
}

const RATE = 400; // the simulator account's messages per second, shared by both dispatchers through Redis

describe('broadcasts at scale: two dispatchers, Redis pacing, approval, content rules, control, crashes', () => {
  let d: Deployment;
  let second: AppProcess;
  const metricsPorts: number[] = [];
  let admin: ApiClient;
  const groups: Record<string, string> = {};

  const view = async (id: string) => (await admin.request<View>('GET', `/api/v1/broadcasts/${id}`)).body;
  const officer = async (username: string, role: string, jurisdictionCode: string) => {
    await admin.request('POST', '/api/v1/officers', {
      username,
      password: `${username}-password`,
      role,
      jurisdictionCode,
      displayName: username,
    });
    return d.api.as(await d.api.login(username, `${username}-password`));
  };

  beforeAll(async () => {
    metricsPorts.push(await freePort(), await freePort());
    d = await startDistributed(inject('runPrefix'), 'broadcasts', inject('kafkaBrokers'), {
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      SIMULATOR_RATE: String(RATE),
      DISPATCH_STALE_SECONDS: '3',
      DISPATCH_BUCKET_SIZE: '1000',
      // Few buckets, so a streamed audience's slices are resolved one after another while the bucket sends.
      DISPATCH_MAX_BUCKETS: '4',
      BROADCAST_APPROVAL_THRESHOLD: '50000',
      DISPATCHER_METRICS_PORT: String(metricsPorts[0]),
    });
    second = new AppProcess('dispatcher', { ...d.env, DISPATCHER_METRICS_PORT: String(metricsPorts[1]) }).start();
    await second.waitForLog(/dispatcher running/);
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    for (const [key, code] of [
      ['warisnagar', 'SAM-WARISNAGAR'],
      ['kalyanpur', 'SAM-KALYANPUR'],
      ['mufassil', 'SAM-MUFASSIL'],
      ['big', 'PAT-PIRBAHORE'],
    ]) {
      groups[key] = (
        await admin.request<{ id: string }>('POST', '/api/v1/groups', { jurisdictionCode: code, name: `${code} जनसेतु` })
      ).body.id;
    }
  });
  afterAll(async () => {
    await second?.stop();
    await d?.stop();
  });

  it('sends one message per citizen across overlapping groups, skips the opted-out, and needs the parent’s approval beyond a station', async () => {
    const codes = await admin.request<{ id: string; joinCode: string }[]>('GET', '/api/v1/groups');
    const code = (key: string) => codes.body.find((g) => g.id === groups[key])!.joinCode;
    const both = '+919801000001';
    const one = '+919801000002';
    const stopped = '+919801000003';
    await citizenSends(d.api, both, `JOIN ${code('warisnagar')}`);
    await citizenSends(d.api, both, `JOIN ${code('kalyanpur')}`);
    await citizenSends(d.api, one, `JOIN ${code('kalyanpur')}`);
    await citizenSends(d.api, stopped, `JOIN ${code('warisnagar')}`);
    // Inbound messages are handled in parallel partitions: wait for every join's confirmation, not just the last.
    await eventually(
      async () => {
        const counts = await Promise.all([both, one, stopped].map(async (c) => (await inboxOf(d.api, c)).length));
        return counts[0] >= 2 && counts[1] >= 1 && counts[2] >= 1 ? true : undefined;
      },
      30_000,
      'joins',
    );
    await citizenSends(d.api, stopped, 'STOP');
    await eventually(async () => ((await inboxOf(d.api, stopped)).length === 2 ? true : undefined), 30_000, 'stop');

    const sho = await officer('sho.warisnagar', 'station_officer', 'SAM-WARISNAGAR');
    const sdpo = await officer('sdpo.samastipur', 'subdivision_officer', 'SAM-SADAR');
    const sp = await officer('sp.samastipur', 'district_admin', 'SAM');

    // A station officer reaches only their station; the subdivision officer covers both stations.
    expect(
      (
        await sho.request('POST', '/api/v1/broadcasts', {
          audience: { groupIds: [groups.warisnagar, groups.kalyanpur] },
          category: 'alert',
          body: { hi: 'x' },
        })
      ).status,
    ).toBe(404);

    const audience = { groupIds: [groups.warisnagar, groups.kalyanpur] };
    const body = { hi: 'होली पर नकली शराब से सावधान रहें।', en: 'Beware of spurious liquor this Holi.' };
    const preview = await sdpo.request<{
      recipients: number;
      byChannel: Record<string, number>;
      needsApproval: boolean;
      sms: { encoding: string };
    }>('POST', '/api/v1/broadcasts/preview', { audience, body });
    expect(preview.body).toMatchObject({
      recipients: 2,
      byChannel: { simulator: 2 },
      needsApproval: true,
      sms: { encoding: 'ucs2' },
    });

    const created = await sdpo.request<{ id: string; recipients: number; status: string }>(
      'POST',
      '/api/v1/broadcasts',
      { audience, category: 'awareness', body },
    );
    expect(created.body).toMatchObject({ recipients: 2, status: 'pending_approval' });
    await sleep(1500);
    expect((await inboxOf(d.api, both)).filter((m) => m.text.startsWith('होली'))).toHaveLength(0);
    expect((await sdpo.request('POST', `/api/v1/broadcasts/${created.body.id}/approve`, {})).status).toBe(403); // the author
    expect((await sho.request('POST', `/api/v1/broadcasts/${created.body.id}/approve`, {})).status).toBe(404); // below: outside their jurisdiction, as if missing
    expect((await sp.request('POST', `/api/v1/broadcasts/${created.body.id}/reject`, {})).status).toBe(400); // a reason is required
    expect(
      (await sp.request<{ status: string }>('POST', `/api/v1/broadcasts/${created.body.id}/approve`, { note: 'ठीक है' }))
        .body.status,
    ).toBe('sending');

    await eventually(
      async () => ((await view(created.body.id)).status === 'completed' ? true : undefined),
      30_000,
      'completed',
    );
    expect((await inboxOf(d.api, both)).filter((m) => m.text.startsWith('होली'))).toHaveLength(1);
    expect((await inboxOf(d.api, one)).filter((m) => m.text.startsWith('होली'))).toHaveLength(1);
    expect((await inboxOf(d.api, stopped)).filter((m) => m.text.startsWith('होली'))).toHaveLength(0);

    // The audit store is fed from Kafka: it catches up a moment after the broadcast completes.
    const trail = await eventually(
      async () => {
        const res = await admin.request<{ type: string }[]>(
          'GET',
          `/api/v1/audit/events?broadcastId=${created.body.id}`,
        );
        return res.body.some((e) => e.type === 'broadcast.completed') ? res.body : undefined;
      },
      30_000,
      'the audit trail',
    );
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(['broadcast.created', 'broadcast.approved', 'broadcast.completed']),
    );
  });

  it('refuses party politics and commercial links with a reason, and creates nothing', async () => {
    const before = (
      await admin.request<{ type: string }[]>('GET', '/api/v1/audit/events?type=broadcast.created&limit=1000')
    ).body.length;
    const party = await admin.request<{ message: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [groups.mufassil] },
      category: 'awareness',
      body: { hi: 'RJD जिंदाबाद' },
    });
    expect(party.status).toBe(400);
    expect(party.body.message).toMatch(/not allowed/);
    const link = await admin.request<{ message: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [groups.mufassil] },
      category: 'awareness',
      body: { hi: 'लोन के लिए देखें www.easy-loans.example.com' },
    });
    expect(link.status).toBe(400);
    expect(link.body.message).toMatch(/easy-loans/);
    await sleep(500);
    expect(
      (await admin.request<unknown[]>('GET', '/api/v1/audit/events?type=broadcast.created&limit=1000')).body.length,
    ).toBe(before);
  });

  it('previews exactly the JSON it then creates (category, forms and schedule included), and refuses the same', async () => {
    const sho = await officer('sho.preview', 'station_officer', 'SAM-WARISNAGAR');
    const group = (
      await admin.request<{ id: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'SAM-WARISNAGAR',
        name: 'वारिसनगर साइबर सुरक्षा',
      })
    ).body.id;
    await seedMembers(d.env, group, 2, '+9173');
    const json = {
      audience: { groupIds: [group] },
      category: 'awareness',
      body: { hi: 'साइबर ठगी से सावधान: OTP किसी को न बताएँ।', en: 'Beware of cyber fraud: never share an OTP.' },
      forms: { smsDltTemplateId: '1107160000000012345' },
      scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
    };

    const preview = await sho.request<{ recipients: number }>('POST', '/api/v1/broadcasts/preview', json);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.recipients).toBe(2);
    const created = await sho.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', json);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.recipients).toBe(preview.body.recipients);

    // What create refuses, preview refuses with the same reason.
    for (const bad of [
      { ...json, unexpected: true },
      { ...json, category: 'politics' },
      { ...json, forms: { smsDltTemplateId: 'DLT-1' } },
    ]) {
      const [p, c] = await Promise.all([
        sho.request<{ message: unknown }>('POST', '/api/v1/broadcasts/preview', bad),
        sho.request<{ message: unknown }>('POST', '/api/v1/broadcasts', bad),
      ]);
      expect([p.status, c.status]).toEqual([400, 400]);
      expect(p.body.message).toEqual(c.body.message);
    }
  });

  it('paces 3,000 messages at the account’s rate across two dispatchers, and a cancel stops the rest within seconds', async () => {
    await seedMembers(d.env, groups.big, 3000, '+9171');
    const created = await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [groups.big] },
      category: 'awareness',
      body: { hi: 'गति परीक्षण: साइबर ठगी से बचें।' },
    });
    expect(created.body.recipients).toBe(3000);
    await eventually(
      async () => (((await view(created.body.id)).byStatus.sent ?? 0) >= 1500 ? true : undefined),
      60_000,
      'half sent',
    );
    const cancel = await admin.request<{ status: string; cancelledDeliveries: number }>(
      'POST',
      `/api/v1/broadcasts/${created.body.id}/cancel`,
      { reason: 'test' },
    );
    expect(cancel.body.status).toBe('cancelled');
    expect(cancel.body.cancelledDeliveries).toBeGreaterThan(0);
    await sleep(3000);
    const settled = (await simulatorCounts(d.env, 'गति परीक्षण')).total;
    await sleep(2000);
    expect((await simulatorCounts(d.env, 'गति परीक्षण')).total).toBe(settled);
    expect(settled).toBeLessThan(3000);

    // Any one-second window holds at most RATE sends (+1 on its edge), though two processes sent them.
    const { Client } = await import('pg');
    const client = new Client({ connectionString: d.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ worst: number }>(
      `SELECT max(n)::int AS worst FROM (
         SELECT count(*) OVER (ORDER BY sent_at RANGE BETWEEN CURRENT ROW AND interval '999 milliseconds' FOLLOWING) AS n
           FROM simulator_message WHERE text LIKE 'गति परीक्षण%') w`,
    );
    await client.end();
    expect(rows[0].worst).toBeLessThanOrEqual(RATE + 1);
    expect(d.dispatcher.log + second.log).toMatch(/bucket/);
    // Operators see the dispatchers' work in their own metrics: between them they count every send (Kafka may give
    // one of them all the buckets, so neither alone is bound to have sent any).
    let counted = 0;
    for (const port of metricsPorts) {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('# TYPE jansetu_messages_sent_total counter');
      counted += Number(
        /jansetu_messages_sent_total\{channel="simulator",outcome="sent"\} (\d+)/.exec(metrics)?.[1] ?? 0,
      );
    }
    expect(counted).toBeGreaterThanOrEqual(settled);
  });

  it('survives a dispatcher killed with SIGKILL three times while it resolves and sends a streamed 20,000-recipient audience', async () => {
    const group = (
      await admin.request<{ id: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'PAT-KADAMKUAN',
        name: 'कदमकुआं',
      })
    ).body.id;
    await seedMembers(d.env, group, 20_000, '+9172');
    const created = await admin.request<{ id: string; recipients: number; audienceEstimate: number; status: string }>(
      'POST',
      '/api/v1/broadcasts',
      {
        audience: { groupIds: [group] },
        category: 'alert',
        body: { hi: 'क्रैश परीक्षण: बाढ़ की चेतावनी।' },
      },
    );
    // Above FANOUT_STREAM_ABOVE (10,000): the request only cuts the audience into 20 slices over 4 buckets.
    expect(created.body).toMatchObject({ recipients: 0, audienceEstimate: 20_000, status: 'sending' });
    const { Client } = await import('pg');
    const db = new Client({ connectionString: d.env.DATABASE_URL });
    await db.connect();
    const openSlices = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM broadcast_slice WHERE broadcast_id = $1 AND materialised_at IS NULL`,
          [created.body.id],
        )
      ).rows[0].n;
    const killAndRestart = async (victim: AppProcess) => {
      // Killed while slices are still to be resolved: the kill can land inside a slice's transaction.
      const open = await openSlices();
      console.log(`kill -9 with ${open} of 20 slices still to resolve`);
      expect(open).toBeGreaterThan(0);
      victim.kill('SIGKILL');
      await victim.waitForExit();
      return new AppProcess('dispatcher', d.env).start();
    };
    // Both dispatchers die within the first seconds (one mid-way through its first slices), then a restarted one
    // dies again before the audience is resolved. A restart takes a Kafka rebalance (seconds to tens of seconds).
    await sleep(500);
    d.dispatcher = await killAndRestart(d.dispatcher);
    await sleep(1000);
    second = await killAndRestart(second);
    await d.dispatcher.waitForLog(/dispatcher running/);
    await second.waitForLog(/dispatcher running/);
    await sleep(1000);
    d.dispatcher = await killAndRestart(d.dispatcher);
    await d.dispatcher.waitForLog(/dispatcher running/);
    await eventually(
      async () => ((await view(created.body.id)).status === 'completed' ? true : undefined),
      150_000,
      'completed after crashes',
    );
    const counts = await simulatorCounts(d.env, 'क्रैश परीक्षण');
    expect(counts.distinct).toBe(20_000);
    // Every slice resolved exactly once: its recipients are the deliveries, each citizen in one.
    const { rows } = await db.query<{ slices: number; recipients: number; deliveries: number }>(
      `SELECT count(*)::int AS slices, sum(recipients)::int AS recipients,
              (SELECT count(*)::int FROM delivery WHERE broadcast_id = $1) AS deliveries
         FROM broadcast_slice WHERE broadcast_id = $1 AND materialised_at IS NOT NULL`,
      [created.body.id],
    );
    await db.end();
    expect(rows[0]).toEqual({ slices: 20, recipients: 20_000, deliveries: 20_000 });
    expect((await view(created.body.id)).recipients).toBe(20_000);
    // Duplicates come only from batches in flight when a dispatcher died (at most one batch per bucket it held).
    console.log(`kill -9 x3 during a streamed 20,000: ${counts.total - counts.distinct} duplicates`);
    expect(counts.total - counts.distinct).toBeLessThanOrEqual(3 * 100 * 20);
  });
});
