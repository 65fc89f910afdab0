import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { childrenOf, eventually } from '@jansetu/testing';
import { ADMIN, Deployment, startDistributed } from './support';

const METRICS_TOKEN = randomBytes(24).toString('hex');

/** One request on a connection of its own, so node:cluster may hand it to either worker. */
function fresh(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { connection: 'close', ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * GATEWAY_WORKERS=2: one port served by two gateway processes under a supervisor. What an operator relies on: both
 * serve, a worker that dies is replaced while the other keeps answering, the login throttle counts across both
 * (Redis), and /metrics answers the sum of both whichever worker is asked.
 */
describe('a gateway of two workers', () => {
  let d: Deployment;
  let port: number;

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'workers', inject('kafkaBrokers'), {
      GATEWAY_WORKERS: '2',
      REDIS_URL: 'redis://127.0.0.1:6379',
      METRICS_TOKEN,
      LOGIN_THROTTLE_LIMIT: '4',
      LOGIN_THROTTLE_TTL_SECONDS: '120',
    });
    port = Number(new URL(d.api.baseUrl).port);
  });
  afterAll(async () => d?.stop());

  it('runs two workers and replaces one that is killed while the other keeps answering', async () => {
    const supervisor = d.gateway.pid!;
    const workers = await eventually(async () => {
      const found = childrenOf(supervisor);
      return found.length === 2 ? found : undefined;
    });
    process.kill(workers[0], 'SIGKILL');
    await d.gateway.waitForLog(new RegExp(`gateway worker ${workers[0]} exited \\(SIGKILL\\); replacing it`));
    // Once the supervisor knows, the surviving worker takes every new connection.
    for (let i = 0; i < 6; i++) {
      expect((await fresh(port, 'GET', '/health')).status).toBe(200);
    }
    const replaced = await eventually(async () => {
      const found = childrenOf(supervisor);
      return found.length === 2 && !found.includes(workers[0]) ? found : undefined;
    });
    expect(replaced).toContain(workers[1]);
    await eventually(async () => ((await fresh(port, 'GET', '/health')).status === 200 ? true : undefined));
  });

  it('counts failed sign-ins across both workers', async () => {
    const wrong = { username: ADMIN.username, password: 'not-the-password-at-all' };
    // Four failures on four connections (two on each worker with in-process counts, under the limit of each)…
    const first = [];
    for (let i = 0; i < 4; i++) first.push((await fresh(port, 'POST', '/api/v1/auth/login', wrong)).status);
    expect(first).toEqual([401, 401, 401, 401]);
    // …are the limit together: whichever worker takes the next attempts, they must wait.
    for (let i = 0; i < 4; i++) {
      const answer = await fresh(port, 'POST', '/api/v1/auth/login', { ...ADMIN });
      expect(answer.status).toBe(429);
      expect(answer.text).toMatch(/too many failed sign-ins/);
    }
  });

  it('answers /metrics with the sum over both workers, whichever is asked', async () => {
    const n = 6;
    for (let i = 0; i < n; i++) {
      const sent = await fresh(port, 'POST', '/webhooks/simulator', {
        from: `+9170${String(60_000_000 + i)}`,
        text: 'workers: नमस्ते',
        messageId: randomUUID(),
      });
      expect(sent.status).toBe(200);
    }
    const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
    for (let i = 0; i < 4; i++) {
      const scraped = await fresh(port, 'GET', '/metrics', undefined, auth);
      expect(scraped.status).toBe(200);
      expect(scraped.text).toMatch(new RegExp(`^jansetu_inbound_messages_total\\{channel="simulator"\\} ${n}$`, 'm'));
    }
    expect((await fresh(port, 'GET', '/metrics')).status).toBe(401);
  });
});
