/**
 * Scenario 2: a broadcast sent by the real dispatcher process (dist/apps/dispatcher) to local provider fakes
 * (Twilio SMS, Meta WhatsApp, Telegram) with audit on, against a bare fetch client sending requests of the same
 * shape to the same fakes at the dispatcher's concurrency (one batch of 100 in flight). Provider rates are set to
 * 100,000/s so JanSetu, not the pacer, is measured. Peak memory is the dispatcher's VmHWM from /proc.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Pool } from 'undici';
import { CreateBroadcastCommand } from '@jansetu/broadcast';
import { dataSourceOptions, FieldCipher, migrate } from '@jansetu/platform';
import {
  cpuSeconds,
  createDatabase,
  MetaGraphApiFake,
  NODE_FLAGS,
  REPO_ROOT,
  TelegramBotApiFake,
  testConfig,
  TwilioApiFake,
} from '@jansetu/testing';
import { cpuProfileOptions } from './cpu-profile';
import { broadcastCreator, seedWorld } from './world';

export interface DispatchResult {
  recipients: number;
  /** How the audience became deliveries: in the creating request, or streamed by the dispatcher. */
  fanOut: 'at-once' | 'streamed';
  /** CreateBroadcastHandler's own time for this audience (all of it one transaction): what the officer waits. */
  fanOutSeconds: number;
  /** From the start of the create to the first request a provider fake received: the first citizen's message. */
  firstSendSeconds: number;
  /** From the start of the create to the last delivery final (null for a memory window). */
  totalSeconds: number | null;
  sent: number;
  seconds: number;
  dispatcherPerSecond: number;
  /** Null when the run was a memory window (no baseline). */
  barePerSecond: number | null;
  /** The same bare client on undici `Pool.request` (the dispatcher's own transport since 2026-12-07). */
  barePooledPerSecond: number | null;
  peakRssMb: number;
  /** Peak resident memory in each tenth of the run: flat means the dispatcher holds nothing per recipient. */
  peakRssByTenthMb: number[];
  auditEvents: number;
  /** CPU microseconds per message: dispatcher, fakes (during its run), bare client + fakes (during the baseline). */
  cpuUsPerMessage: {
    dispatcher: number;
    fakes: number;
    bareClientAndFakes?: number;
    barePooledClientAndFakes?: number;
  };
}

export interface DispatchOptions {
  /** Stop after this many seconds instead of at the last delivery (cancelling the rest), and skip the baseline. */
  windowSeconds?: number;
  /** 'at-once' materialises every delivery in the create (FANOUT_STREAM_ABOVE beyond the audience); default streamed. */
  fanOut?: 'at-once' | 'streamed';
  /** Skip the bare-client baseline (a run that only compares fan-out modes). */
  noBaseline?: boolean;
}

const CONCURRENCY = 100; // the dispatcher's batch: 100 sends in flight, one bucket at a time per consumer
const TWILIO_SID = 'AC' + 'b'.repeat(32);
const TWILIO_TOKEN = 'bench-twilio-auth-token-0123456789';

/** CPU seconds this process (the fakes, and the bare client when it runs) has used so far. */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
}

export async function measureDispatch(
  prefix: string,
  recipients: number,
  brokers: string,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const url = await createDatabase(prefix, 'dispatch');
  const encryptionKey = randomBytes(32).toString('base64');
  const fanOut = options.fanOut ?? 'streamed';
  const config = testConfig(url, {
    ENCRYPTION_KEY: encryptionKey,
    FANOUT_STREAM_ABOVE: fanOut === 'at-once' ? '2000000000' : '10000',
  });
  const ds = await new DataSource(dataSourceOptions(config, url)).initialize();
  const twilio = await new TwilioApiFake(TWILIO_SID, TWILIO_TOKEN).start();
  const meta = await new MetaGraphApiFake().start();
  const telegram = await new TelegramBotApiFake().start();
  let child: ReturnType<typeof spawn> | undefined;
  try {
    await migrate(ds, config);
    const world = await seedWorld(ds, recipients, Math.floor(recipients / 4));
    // Real ciphertexts, so the dispatcher decrypts as in production.
    const cipher = new FieldCipher('k1', { k1: encryptionKey });
    const points = await ds.query<{ id: string; channel: string; n: number }[]>(
      `SELECT id, channel, row_number() OVER ()::int AS n FROM contact_point`,
    );
    for (let i = 0; i < points.length; i += 5000) {
      const slice = points.slice(i, i + 5000);
      await ds.query(
        `UPDATE contact_point cp SET address_ciphertext = u.c FROM unnest($1::uuid[], $2::text[]) AS u(id, c) WHERE cp.id = u.id`,
        [
          slice.map((p) => p.id),
          slice.map((p) =>
            cipher.encrypt(
              p.channel === 'telegram' ? String(500_000_000 + p.n) : `+9170${String(p.n).padStart(8, '0')}`,
            ),
          ),
        ],
      );
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info', // the start-up line is at info
      PUBLIC_BASE_URL: 'http://127.0.0.1:9',
      WHATSAPP_APP_SECRET: 'bench-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'bench-verify-token',
      TELEGRAM_WEBHOOK_SECRET: 'bench_webhook_secret_0123',
      TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
      DATABASE_URL: url,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: `${prefix}.dispatch.`,
      KAFKA_PARTITIONS: '3',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: encryptionKey,
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      OUTBOX_POLL_MS: '50',
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_SMS_FROM: '+15005550006',
      TWILIO_SMS_RATE: '100000',
      WHATSAPP_PROVIDER: 'meta',
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
      WHATSAPP_RATE: '100000',
      // The business account's daily unique-user limit would hold most of the WhatsApp recipients for an hour:
      // the bench measures the dispatcher, as for an account at Meta's unlimited tier.
      WHATSAPP_DAILY_LIMIT: '100000000',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_RATE: '100000',
      ...(process.env.BENCH_CPU_PROF ? cpuProfileOptions() : {}),
    };
    const proc = spawn(
      process.execPath,
      [...NODE_FLAGS.dispatcher, join(REPO_ROOT, 'dist/apps/dispatcher/src/main.js')],
      {
        cwd: REPO_ROOT,
        env,
      },
    );
    child = proc;
    let log = '';
    proc.stdout.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
    proc.stderr.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
    for (let waited = 0; !/dispatcher running/.test(log); waited += 100) {
      if (waited > 60_000 || proc.exitCode !== null) throw new Error(`dispatcher did not start:\n${log}`);
      await sleep(100);
    }
    const { handler, officer } = broadcastCreator(ds, config, world);
    // The first citizen's message: the first request any provider fake receives (they run in this process).
    let firstSendAt: number | null = null;
    const watch = setInterval(() => {
      if (firstSendAt === null && twilio.calls.length + meta.calls.length + telegram.calls.length > 0) {
        firstSendAt = performance.now();
      }
    }, 5);
    const createStart = performance.now();
    // An emergency goes out at once (approved after), so the whole path runs without an approver.
    const created = await handler.execute(
      new CreateBroadcastCommand(
        officer,
        world.stateAudience,
        'emergency',
        { hi: 'बाढ़ की चेतावनी। ऊँचे स्थान पर जाएँ।', en: 'Flood warning.' },
        {
          whatsappTemplate: { name: 'flood_alert', language: 'hi', parameters: ['बाढ़'] },
        },
      ),
    );
    // The clock runs from the broadcast's commit (fan-out is scenario 1), as the dispatcher sees it.
    const start = performance.now();
    const cpuAtStart = { dispatcher: cpuSeconds(proc.pid!), fakes: ownCpuSeconds() };
    const fanOutSeconds = (start - createStart) / 1000;
    const rss: { at: number; mb: number }[] = [];
    const windowMs = (options.windowSeconds ?? Infinity) * 1000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`dispatcher exited:\n${log}`);
      rss.push({ at: performance.now() - start, mb: memoryMb(proc.pid!, 'VmRSS') });
      if (performance.now() - start >= windowMs) {
        await ds.query(`UPDATE broadcast SET status = 'cancelled' WHERE id = $1`, [created.id]);
        break;
      }
      // The broadcast's own status, not a count over its deliveries: polling two million rows five times a second
      // would load the database the dispatcher is measured on.
      const [{ status }] = await ds.query<{ status: string }[]>(`SELECT status FROM broadcast WHERE id = $1`, [
        created.id,
      ]);
      if (status === 'completed') break;
      if (performance.now() - start > 1_800_000) throw new Error('dispatch did not finish in 30 minutes');
      await sleep(200);
    }
    const seconds = (performance.now() - start) / 1000;
    const totalSeconds = options.windowSeconds ? null : (performance.now() - createStart) / 1000;
    clearInterval(watch);
    if (firstSendAt === null) throw new Error('no message reached a provider');
    const firstSendSeconds = (firstSendAt - createStart) / 1000;
    const peak = memoryMb(proc.pid!, 'VmHWM');
    const peakRssByTenthMb = Array.from({ length: 10 }, (_, i) =>
      Math.max(0, ...rss.filter((r) => Math.floor((r.at / (seconds * 1000)) * 10) === i).map((r) => r.mb)),
    );
    const [{ sent }] = await ds.query<{ sent: number }[]>(
      `SELECT count(*)::int AS sent FROM delivery WHERE broadcast_id = $1 AND status = 'sent'`,
      [created.id],
    );
    const [{ events }] = await ds.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM outbox_message WHERE topic LIKE '%audit%'`,
    );
    const dispatcherCpu = cpuSeconds(proc.pid!) - cpuAtStart.dispatcher;
    const fakesCpu = ownCpuSeconds() - cpuAtStart.fakes;
    proc.kill('SIGTERM');
    await sleep(2000);
    // A streamed audience's size is known once resolved; a cancelled window counts what was resolved by then.
    const [{ resolved }] = await ds.query<{ resolved: number }[]>(
      `SELECT recipient_count AS resolved FROM broadcast WHERE id = $1`,
      [created.id],
    );
    const measured = {
      recipients: resolved,
      fanOut,
      fanOutSeconds,
      firstSendSeconds,
      totalSeconds,
      sent,
      seconds,
      dispatcherPerSecond: sent / seconds,
      peakRssMb: peak,
      peakRssByTenthMb,
      auditEvents: events,
      // CPU per message: what the dispatcher spends, and what the fakes spent answering it (the same work as they
      // do for the bare client, whose own share is the bare run's CPU minus the fakes' share).
      cpuUsPerMessage: { dispatcher: (dispatcherCpu / sent) * 1e6, fakes: (fakesCpu / sent) * 1e6 },
    };
    if (options.windowSeconds || options.noBaseline) {
      return { ...measured, barePerSecond: null, barePooledPerSecond: null };
    }

    // The baseline: the same requests, bare, at the same concurrency.
    const channels = await ds.query<{ channel: string }[]>(
      `SELECT channel FROM delivery WHERE broadcast_id = $1 ORDER BY id`,
      [created.id],
    );
    const requests = channels.map(({ channel }, n) => bareRequest(channel, n, { twilio, meta, telegram }));
    const bare = await bareRun(requests, async (r) => {
      const res = await fetch(r.url, r.init);
      await res.arrayBuffer();
    });
    // And on the transport the dispatcher uses: a keep-alive undici Pool per origin, `request` and the body read.
    const pools = new Map<string, Pool>();
    const pooled = await bareRun(requests, async (r) => {
      const url = new URL(r.url);
      let pool = pools.get(url.origin);
      if (!pool) pools.set(url.origin, (pool = new Pool(url.origin, { connections: 64 })));
      const res = await pool.request({
        path: url.pathname,
        method: 'POST',
        headers: r.init.headers as Record<string, string>,
        body: r.init.body as string,
      });
      await res.body.text();
    });
    await Promise.all([...pools.values()].map((p) => p.close()));
    return {
      ...measured,
      barePerSecond: bare.perSecond,
      barePooledPerSecond: pooled.perSecond,
      cpuUsPerMessage: {
        ...measured.cpuUsPerMessage,
        bareClientAndFakes: bare.cpuUs,
        barePooledClientAndFakes: pooled.cpuUs,
      },
    };
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await Promise.all([twilio.stop(), meta.stop(), telegram.stop()]);
    await ds.destroy();
  }
}

/** Sends every request at the dispatcher's concurrency; the rate and the CPU per request (client and fakes). */
async function bareRun(
  requests: { url: string; init: RequestInit }[],
  send: (r: { url: string; init: RequestInit }) => Promise<void>,
): Promise<{ perSecond: number; cpuUs: number }> {
  const start = performance.now();
  const cpuStart = ownCpuSeconds();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) await send(requests[next++]);
    }),
  );
  return {
    perSecond: requests.length / ((performance.now() - start) / 1000),
    cpuUs: ((ownCpuSeconds() - cpuStart) / requests.length) * 1e6,
  };
}

function bareRequest(
  channel: string,
  n: number,
  fakes: { twilio: TwilioApiFake; meta: MetaGraphApiFake; telegram: TelegramBotApiFake },
): { url: string; init: RequestInit } {
  const text = 'बाढ़ की चेतावनी। ऊँचे स्थान पर जाएँ।\nFlood warning.';
  if (channel === 'sms') {
    return {
      url: `${fakes.twilio.baseUrl}/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`,
      init: {
        method: 'POST',
        headers: {
          authorization: 'Basic ' + Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64'),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          To: `+9170${String(n).padStart(8, '0')}`,
          From: '+15005550006',
          Body: text,
        }).toString(),
      },
    };
  }
  if (channel === 'whatsapp') {
    return {
      url: `${fakes.meta.baseUrl}/v23.0/${MetaGraphApiFake.PHONE_NUMBER_ID}/messages`,
      init: {
        method: 'POST',
        headers: { authorization: `Bearer ${MetaGraphApiFake.ACCESS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: `9170${String(n).padStart(8, '0')}`,
          type: 'template',
          template: {
            name: 'flood_alert',
            language: { code: 'hi' },
            components: [{ type: 'body', parameters: [{ type: 'text', text: 'बाढ़' }] }],
          },
        }),
      },
    };
  }
  return {
    url: `${fakes.telegram.apiRoot}/bot${fakes.telegram.token}/sendMessage`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: String(500_000_000 + n), text }),
    },
  };
}
