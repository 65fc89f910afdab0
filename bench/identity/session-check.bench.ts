/**
 * What the session check costs and how fast it bites, against built gateways in distributed mode sharing one
 * PostgreSQL database (and Redis):
 *
 * - requests/s of an authenticated route (GET /api/v1/me: guard + one query of its own) with the session check
 *   answered from the in-process cache (the default) and with SESSION_CHECK_TTL_MS=0 (a database round trip per
 *   request: the naive check), against GET /nope (the whole HTTP stack, no guard) in the same run;
 * - how long a disabled officer's token keeps working: on the gateway that disabled them, on another gateway with
 *   Redis pub/sub, and on one without Redis (bounded by the TTL), polling GET /api/v1/me back to back.
 *
 * No assertion on time: it prints a table (and writes bench/results/session-check.json).
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'vitest';
import { ApiClient, AppProcess, createDatabase, freePort, REPO_ROOT } from '@jansetu/testing';

const ADMIN = { username: 'hq.admin', password: 'correct-horse-battery-staple' };
const SECONDS = Number(process.env.BENCH_SESSION_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_SESSION_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_SESSION_ROUNDS ?? 5);

async function gateway(env: Record<string, string>): Promise<{ app: AppProcess; api: ApiClient }> {
  const port = await freePort();
  const app = new AppProcess('gateway', { ...env, PORT: String(port) }).start();
  await app.waitForLog(/JanSetu gateway on/);
  return { app, api: new ApiClient(`http://127.0.0.1:${port}`) };
}

async function load(url: string, token?: string) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ headers: token ? { authorization: `Bearer ${token}` } : {} }],
  });
  return { perSecond: Math.round(r.requests.average), p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** Polls GET /me back to back from the moment `disable` is sent; ms from its answer to the first 401 here. */
async function revocationDelay(api: ApiClient, token: string, disable: () => Promise<void>) {
  let answeredAt = 0;
  let okAfterAnswer = 0;
  let polling = true;
  const poll = (async () => {
    for (;;) {
      const status = (await api.request('GET', '/api/v1/me', undefined, token)).status;
      const now = performance.now();
      if (status === 401) return now;
      if (answeredAt && now > answeredAt) okAfterAnswer++;
      if (!polling) return now;
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  await disable();
  answeredAt = performance.now();
  const refusedAt = await poll;
  polling = false;
  return { ms: Math.max(0, Math.round((refusedAt - answeredAt) * 10) / 10), okAfterAnswer };
}

describe('session check', () => {
  it('costs and bites', async () => {
    const databaseUrl = await createDatabase(`bench${Date.now()}`, 'session_check');
    const base = {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:29092',
      KAFKA_TOPIC_PREFIX: `bench${Date.now()}.`,
      KAFKA_PARTITIONS: '1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      CHANNEL_SIMULATOR: 'false',
    };
    const redis = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const a = await gateway({ ...base, ...redis, SEED_SAMPLE_JURISDICTIONS: 'true' });
    const others = await Promise.all([
      gateway({ ...base, ...redis }), // b: another gateway, Redis pub/sub
      gateway({ ...base, ...redis, SESSION_CHECK_TTL_MS: '0' }), // c: a database round trip per request
      gateway({ ...base }), // d: no Redis, default TTL (1 s)
    ]);
    const [b, c, d] = others;
    try {
      const admin = a.api.as(await a.api.login(ADMIN.username, ADMIN.password));
      const officers: { id: string; username: string }[] = [];
      for (let i = 0; i < 4; i++) {
        const username = `sho.bench.${i}`;
        const created = await admin.request<{ id: string }>('POST', '/api/v1/officers', {
          username,
          password: `${username}-password`,
          role: 'station_officer',
          jurisdictionCode: 'PAT-KOTWALI',
          displayName: username,
        });
        if (created.status !== 201)
          throw new Error(`create officer: ${created.status} ${JSON.stringify(created.body)}`);
        officers.push({ id: created.body.id, username });
      }
      const token = await a.api.login(officers[0].username, `${officers[0].username}-password`);

      const rows: Record<string, { perSecond: number; p99: number; non2xx: number; errors: number }[]> = {
        'GET /nope (no guard, baseline)': [],
        'GET /api/v1/me, cached session check': [],
        'GET /api/v1/me, SESSION_CHECK_TTL_MS=0 (DB per request)': [],
      };
      for (let round = 0; round < ROUNDS; round++) {
        rows['GET /nope (no guard, baseline)'].push(await load(`${a.api.baseUrl}/nope`));
        rows['GET /api/v1/me, cached session check'].push(await load(`${a.api.baseUrl}/api/v1/me`, token));
        rows['GET /api/v1/me, SESSION_CHECK_TTL_MS=0 (DB per request)'].push(
          await load(`${c.api.baseUrl}/api/v1/me`, token),
        );
      }
      const best = Object.fromEntries(
        Object.entries(rows).map(([k, v]) => [k, v.reduce((x, y) => (y.perSecond > x.perSecond ? y : x))]),
      );
      const cached = best['GET /api/v1/me, cached session check'].perSecond;
      const perRequest = best['GET /api/v1/me, SESSION_CHECK_TTL_MS=0 (DB per request)'].perSecond;
      const baseline = best['GET /nope (no guard, baseline)'].perSecond;

      const disableVia = (n: number) => async () => {
        const res = await admin.request('POST', `/api/v1/officers/${officers[n].id}/disable`, { reason: 'bench' });
        if (res.status !== 200) throw new Error(`disable: ${res.status}`);
      };
      const tokens = [];
      for (const o of officers.slice(1)) tokens.push(await a.api.login(o.username, `${o.username}-password`));
      const sameProcess = await revocationDelay(a.api, tokens[0], disableVia(1));
      const otherWithRedis = await revocationDelay(b.api, tokens[1], disableVia(2));
      const otherWithoutRedis = await revocationDelay(d.api, tokens[2], disableVia(3));

      const report = {
        machine: { cpus: (await import('node:os')).cpus().length },
        seconds: SECONDS,
        connections: CONNECTIONS,
        rounds: ROUNDS,
        requestsPerSecond: best,
        ratios: {
          cachedOverDbPerRequest: Math.round((cached / perRequest) * 100) / 100,
          cachedOverBaseline: Math.round((cached / baseline) * 100) / 100,
          dbPerRequestOverBaseline: Math.round((perRequest / baseline) * 100) / 100,
        },
        revocation: {
          'the gateway that disabled (ms after the disable answered)': sameProcess,
          'another gateway, Redis pub/sub': otherWithRedis,
          'another gateway, no Redis (TTL 1 s)': otherWithoutRedis,
        },
      };
      console.log(JSON.stringify(report, null, 2));
      writeFileSync(join(REPO_ROOT, 'bench/results/session-check.json'), `${JSON.stringify(report, null, 2)}\n`);
    } finally {
      await Promise.all([a, ...others].map((g) => g.app.stop()));
    }
  });
});
