import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, AppProcess, eventually, freePort } from '@jansetu/testing';
import { ADMIN, citizenSends, inboxOf } from './support';

describe('embedded mode (npm start on a fresh machine): one process, PGlite, database bus, simulator', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jansetu-embedded-'));
  let port: number;
  let gateway: AppProcess;
  let api: ApiClient;

  const start = async () => {
    gateway = new AppProcess('gateway', {
      DATA_DIR: dataDir,
      PORT: String(port),
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    }).start();
    await gateway.waitForLog(/JanSetu gateway on/, 60_000);
  };

  beforeAll(async () => {
    port = await freePort();
    api = new ApiClient(`http://127.0.0.1:${port}`);
    const started = Date.now();
    await start();
    expect(Date.now() - started).toBeLessThan(60_000);
  });
  afterAll(async () => gateway?.stop());

  it('serves health, the API description, refuses anonymous calls, and lets the bootstrap admin in', async () => {
    const health = await api.request<{ status: string; info: Record<string, { status: string }> }>('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.info.database.status).toBe('up');

    const docs = await fetch(`${api.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    const spec = await api.request<{ paths: Record<string, Record<string, { responses: object }>> }>(
      'GET',
      '/docs-json',
    );
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/groups',
      '/api/v1/broadcasts',
      '/api/v1/audit/events',
      '/health',
      '/webhooks/simulator',
    ]) {
      expect(Object.keys(spec.body.paths)).toContain(path);
    }

    expect((await api.request('GET', '/api/v1/broadcasts/00000000-0000-0000-0000-000000000000')).status).toBe(401);
    expect(
      (await api.request('POST', '/api/v1/auth/login', { username: ADMIN.username, password: 'wrong-password' }))
        .status,
    ).toBe(401);
    expect(await api.login(ADMIN.username, ADMIN.password)).toMatch(/^ey/);

    // Guessing one officer's password is throttled; another officer can still sign in from the same address.
    const attempts = [];
    for (let i = 0; i < 6; i++) {
      attempts.push(
        (await api.request('POST', '/api/v1/auth/login', { username: 'sho.guessed', password: `guess-${i}` })).status,
      );
    }
    expect(attempts).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await api.login(ADMIN.username, ADMIN.password)).toMatch(/^ey/);

    const metrics = await fetch(`${api.baseUrl}/metrics`);
    expect(await metrics.text()).toContain('jansetu_outbox_published_total');
  });

  it('runs the skeleton on the sample jurisdictions, with the audit log on the database bus', async () => {
    const admin = api.as(await api.login(ADMIN.username, ADMIN.password));
    // Embedded mode starts with the sample slice of Bihar.
    const districts = await admin.request<{ code: string }[]>('GET', '/api/v1/jurisdictions?parent=BR');
    expect(districts.body.map((d) => d.code)).toEqual(expect.arrayContaining(['PAT', 'SAM', 'GAY']));

    const group = await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'PAT-KOTWALI',
      name: 'कोतवाली जनसेतु',
    });
    const citizen = '+918765432109';
    await citizenSends(api, citizen, `join ${group.body.joinCode}`);
    await eventually(
      async () => ((await inboxOf(api, citizen)).length === 1 ? true : undefined),
      30_000,
      'join confirmation',
    );

    const broadcast = await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.body.id] },
      category: 'awareness',
      body: { hi: 'डायल 112 पर तुरंत सहायता पाएँ।', en: 'Dial 112 for help.' },
    });
    expect(broadcast.body.recipients).toBe(1);
    // A citizen who never chose a language gets the Hindi text alone (it used to carry the English beside it), and
    // the line to verify it by.
    await eventually(
      async () =>
        (await inboxOf(api, citizen)).some((m) =>
          /^डायल 112 पर तुरंत सहायता पाएँ।\nसत्यापन कोड \/ Verify: [2-9A-HJKMNP-TV-Z]{6}$/.test(m.text),
        )
          ? true
          : undefined,
      30_000,
      'broadcast',
    );
    const events = await eventually(
      async () => {
        const res = await admin.request<{ type: string }[]>(
          'GET',
          `/api/v1/audit/events?broadcastId=${broadcast.body.id}`,
        );
        return res.body.length === 3 ? res.body : undefined;
      },
      30_000,
      'audit events',
    );
    expect(events.map((e) => e.type)).toEqual(['broadcast.created', 'broadcast.messages_sent', 'broadcast.completed']);

    // STOP works at once and is confirmed; the next broadcast skips the citizen.
    await citizenSends(api, citizen, 'बंद');
    await eventually(
      async () => ((await inboxOf(api, citizen)).some((m) => m.text.includes('हट गए')) ? true : undefined),
      30_000,
      'stop confirmation',
    );
    const after = await admin.request<{ recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.body.id] },
      category: 'awareness',
      body: { hi: 'दूसरा संदेश' },
    });
    expect(after.body.recipients).toBe(0);
  });

  it('keeps its data across a restart', async () => {
    await gateway.stop();
    expect(gateway.exitCode).toBe(0);
    // A new port: the old one may have been handed to the embedded database's own ephemeral listener.
    port = await freePort();
    api = new ApiClient(`http://127.0.0.1:${port}`);
    await start();
    const admin = api.as(await api.login(ADMIN.username, ADMIN.password));
    const groups = await admin.request<{ name: string }[]>('GET', '/api/v1/groups');
    expect(groups.body.map((g) => g.name)).toContain('कोतवाली जनसेतु');
  });

  it('stops at start-up with one line naming a bad setting', async () => {
    const bad = new AppProcess('gateway', { DATA_DIR: dataDir, PORT: 'eighty' }).start();
    expect(await bad.waitForExit()).toBe(1);
    expect(bad.log.trim()).toMatch(/^Invalid setting PORT: [^\n]+$/);
    const distributed = new AppProcess('gateway', { DATABASE_URL: 'postgresql://127.0.0.1/x' }).start();
    expect(await distributed.waitForExit()).toBe(1);
    expect(distributed.log.trim()).toMatch(/^Missing setting JWT_SECRET: distributed mode/);
  });
});
