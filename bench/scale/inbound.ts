/**
 * Scenario 3: signed provider webhooks per second into the gateway (distributed mode, PostgreSQL, Kafka, Redis),
 * with autocannon. Every request is a different message (fresh MessageSid / wamid / update_id, signed beforehand so
 * signing does not load the generator), so each one runs the whole path: signature check, parse, dedupe insert,
 * sealed address and outbox row in one transaction. Baseline in the same run: GET /nope, a 404 that runs the whole
 * HTTP stack (Express, Nest routing, exception filter, pino-http request log) and nothing else.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import {
  childrenOf,
  cpuSeconds,
  freePort,
  processesNamed,
  MetaGraphApiFake,
  REPO_ROOT,
  signedUpdate,
  textMessageUpdate,
  TwilioApiFake,
} from '@jansetu/testing';
import {
  META_SECRET,
  PUBLIC_BASE_URL,
  startDeployment,
  TELEGRAM_SECRET,
  TWILIO_TOKEN as TWILIO_AUTH_TOKEN,
} from './deployment';

export interface Load {
  name: string;
  requests: number;
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Messages stored (inbound_receipt rows) for a provider; null for the baseline. */
  stored: number | null;
  /** CPU per answered request, µs: the server's processes (all workers and their supervisor) and PostgreSQL's. */
  cpuUs?: { server: number; postgres: number };
}

/** CPU seconds used so far by these processes and by every PostgreSQL process on the machine. */
function cpuNow(serverPids: number[]): { server: number; postgres: number } {
  const postgres = processesNamed('postgres');
  const sum = (pids: number[]) => pids.reduce((s, pid) => s + cpuSeconds(pid), 0);
  return { server: sum(serverPids), postgres: sum(postgres) };
}

interface Prepared {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const WARM_UP = 500;
const TEXT = 'थाने के पास चोरी हुई है / chori hui hai';

/** `count` distinct signed calls for each provider, numbered so sender and message id differ every time. */
function prepare(provider: string, count: number, from: number, twilio: TwilioApiFake): Prepared[] {
  const out: Prepared[] = [];
  for (let n = from; n < from + count; n++) {
    const phone = `+9170${String(n).padStart(8, '0')}`;
    if (provider === 'twilio-sms') {
      const sid = `SM${n.toString(16).padStart(32, '0')}`;
      const form = twilio.signedForm(`${PUBLIC_BASE_URL}/webhooks/twilio/sms`, twilio.inboundSms(phone, TEXT, sid));
      out.push({ method: 'POST', path: '/webhooks/twilio/sms', headers: form.headers, body: form.rawBody });
    } else if (provider === 'meta-whatsapp') {
      const wa = MetaGraphApiFake.signedWebhook(MetaGraphApiFake.inboundText(phone, TEXT), META_SECRET);
      out.push({ method: 'POST', path: '/webhooks/whatsapp', headers: wa.headers, body: wa.rawBody });
    } else {
      const tg = signedUpdate(
        textMessageUpdate({ chatId: 500_000_000 + n, text: TEXT, updateId: 800_000_000 + n }),
        TELEGRAM_SECRET,
      );
      out.push({ method: 'POST', path: '/webhooks/telegram', headers: tg.headers, body: tg.body });
    }
  }
  return out;
}

async function run(url: string, connections: number, calls: Prepared[], amount: number) {
  let next = 0;
  const start = performance.now();
  const result = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    // autocannon builds each connection's first request up front and one more after the last answer, so `calls`
    // holds a few spares; the modulo only guards against a miscount (the stored count below would show it).
    requests: [{ setupRequest: (req) => ({ ...req, ...calls[next++ % calls.length] }) }],
  });
  const seconds = (performance.now() - start) / 1000;
  return { result, seconds, used: next };
}

const CHANNEL_OF: Record<string, string> = { 'twilio-sms': 'sms', 'meta-whatsapp': 'whatsapp', telegram: 'telegram' };

/** `perProvider` distinct signed webhooks of one provider, after a warm-up; every one must be stored. */
async function measureProvider(
  d: { baseUrl: string; twilio: TwilioApiFake; pids?: () => number[] },
  db: Client,
  provider: string,
  perProvider: number,
  connections: number,
  name = provider,
): Promise<Load> {
  const spare = 2 * connections + 10;
  const warm = prepare(provider, WARM_UP + spare, 0, d.twilio);
  const calls = prepare(provider, perProvider + spare, 1_000_000, d.twilio);
  await run(d.baseUrl, connections, warm, WARM_UP);
  const stored = async () =>
    (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_receipt WHERE channel = $1`, [
        CHANNEL_OF[provider],
      ])
    ).rows[0].n;
  const before = await stored();
  const pids = d.pids?.() ?? [];
  const cpuBefore = cpuNow(pids);
  const { result, seconds } = await run(d.baseUrl, connections, calls, perProvider);
  const cpuAfter = cpuNow(pids);
  const perRequest = (s: number) => Math.round((s * 1e6) / Math.max(1, result['2xx']));
  const load: Load = {
    name,
    requests: perProvider,
    ok: result['2xx'],
    perSecond: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    stored: (await stored()) - before,
    ...(pids.length
      ? {
          cpuUs: {
            server: perRequest(cpuAfter.server - cpuBefore.server),
            postgres: perRequest(cpuAfter.postgres - cpuBefore.postgres),
          },
        }
      : {}),
  };
  console.log(`[bench] inbound ${name}: ${JSON.stringify(load)}`);
  return load;
}

export async function measureInbound(
  prefix: string,
  brokers: string,
  perProvider: number,
  connections: number,
): Promise<Load[]> {
  const d = await startDeployment(prefix, 'inbound', brokers, false);
  const db = new Client({ connectionString: d.databaseUrl });
  await db.connect();
  try {
    const loads: Load[] = [];
    const nope: Prepared = { method: 'GET', path: '/nope', headers: {} };
    {
      const calls = [nope];
      await run(d.baseUrl, connections, calls, WARM_UP);
      const { result, seconds } = await run(d.baseUrl, connections, calls, perProvider);
      const answered = result.statusCodeStats['404']?.count ?? 0;
      loads.push({
        name: 'GET /nope (404)',
        requests: perProvider,
        ok: answered,
        perSecond: answered / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + (perProvider - answered),
        stored: null,
      });
    }
    for (const provider of ['twilio-sms', 'meta-whatsapp', 'telegram']) {
      loads.push(await measureProvider(d, db, provider, perProvider, connections));
    }
    return loads;
  } finally {
    await db.end();
    await d.stop();
  }
}

/**
 * Twilio SMS webhooks into a gateway of 1 and of 2 workers (GATEWAY_WORKERS), each on a fresh database, against the
 * bare node:http server of scripts/bare-webhook-server.ts doing the same signature check and the same insert on a
 * fresh database of its own (migrated by a gateway that is stopped before the load).
 */
export async function measureGatewayWorkers(
  prefix: string,
  brokers: string,
  perRun: number,
  connections: number,
): Promise<{ bare: Load; gateways: { workers: number; load: Load }[] }> {
  const withDb = async <T>(url: string, body: (db: Client) => Promise<T>): Promise<T> => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return await body(db);
    } finally {
      await db.end();
    }
  };
  const migrated = await startDeployment(prefix, 'inbound_bare', brokers, false);
  let bare: Load;
  try {
    await migrated.gateway.stop();
    const port = await freePort();
    const server = spawn(process.execPath, [join(REPO_ROOT, 'dist/scripts/bare-webhook-server.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: migrated.databaseUrl,
        DATABASE_POOL_SIZE: '10',
        PORT: String(port),
        TWILIO_AUTH_TOKEN,
        PUBLIC_BASE_URL,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await once(server.stdout, 'data');
      const d = { baseUrl: `http://127.0.0.1:${port}`, twilio: migrated.twilio, pids: () => [server.pid!] };
      bare = await withDb(migrated.databaseUrl, (db) =>
        measureProvider(d, db, 'twilio-sms', perRun, connections, 'bare node:http'),
      );
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  } finally {
    await migrated.stop();
  }
  const gateways: { workers: number; load: Load }[] = [];
  for (const workers of [1, 2]) {
    const d = await startDeployment(prefix, `inbound_w${workers}`, brokers, false, {
      GATEWAY_WORKERS: String(workers),
    });
    try {
      const pids = () => [d.gateway.pid!, ...childrenOf(d.gateway.pid!)];
      const load = await withDb(d.databaseUrl, (db) =>
        measureProvider({ ...d, pids }, db, 'twilio-sms', perRun, connections, `gateway, ${workers} worker(s)`),
      );
      gateways.push({ workers, load });
    } finally {
      await d.stop();
    }
  }
  return { bare, gateways };
}
