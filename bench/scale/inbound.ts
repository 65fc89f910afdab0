/**
 * Scenario 3: signed provider webhooks per second into the gateway (distributed mode, PostgreSQL, Kafka, Redis),
 * with autocannon. Every request is a different message (fresh MessageSid / wamid / update_id, signed beforehand so
 * signing does not load the generator), so each one runs the whole path: signature check, parse, dedupe insert,
 * sealed address and outbox row in one transaction. Baseline in the same run: GET /nope, a 404 that runs the whole
 * HTTP stack (Express, Nest routing, exception filter, pino-http request log) and nothing else.
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { MetaGraphApiFake, signedUpdate, textMessageUpdate, TwilioApiFake } from '@jansetu/testing';
import { META_SECRET, PUBLIC_BASE_URL, startDeployment, TELEGRAM_SECRET } from './deployment';

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
    const spare = 2 * connections + 10;
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
    const channelOf: Record<string, string> = {
      'twilio-sms': 'sms',
      'meta-whatsapp': 'whatsapp',
      telegram: 'telegram',
    };
    for (const provider of ['twilio-sms', 'meta-whatsapp', 'telegram']) {
      const warm = prepare(provider, WARM_UP + spare, 0, d.twilio);
      const calls = prepare(provider, perProvider + spare, 1_000_000, d.twilio);
      await run(d.baseUrl, connections, warm, WARM_UP);
      const [{ before }] = (
        await db.query<{ before: number }>(`SELECT count(*)::int AS before FROM inbound_receipt WHERE channel = $1`, [
          channelOf[provider],
        ])
      ).rows;
      const { result, seconds } = await run(d.baseUrl, connections, calls, perProvider);
      const [{ after }] = (
        await db.query<{ after: number }>(`SELECT count(*)::int AS after FROM inbound_receipt WHERE channel = $1`, [
          channelOf[provider],
        ])
      ).rows;
      loads.push({
        name: provider,
        requests: perProvider,
        ok: result['2xx'],
        perSecond: result['2xx'] / seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + result.non2xx,
        stored: after - before,
      });
      console.log(`[bench] inbound ${provider}: ${JSON.stringify(loads.at(-1))}`);
    }
    return loads;
  } finally {
    await db.end();
    await d.stop();
  }
}
