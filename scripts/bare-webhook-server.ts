/**
 * The baseline of the inbound benchmark (bench/scale/inbound.ts, issue #16): a bare `node:http` server that takes a
 * Twilio SMS webhook the way the gateway must at the least — the same signature check (the Twilio SDK's
 * validateRequest), the sender and text sealed (AES-256-GCM), the provider id hashed, and the same insert (the
 * dedupe receipt and the outbox row in one statement) — and answers the same empty TwiML only after its commit. No
 * framework, no logging, no validation pipes, no per-sender data key, no batching: what a hand-written service would
 * do. Run from dist: `node dist/scripts/bare-webhook-server.js` with DATABASE_URL (an already migrated database),
 * PORT, TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL and DATABASE_POOL_SIZE; it prints "listening" when ready.
 */
import { createCipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { Pool } from 'pg';
import twilio from 'twilio';

const env = process.env;
const pool = new Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_SIZE ?? 10) });
const token = env.TWILIO_AUTH_TOKEN ?? '';
const publicUrl = `${(env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '')}/webhooks/twilio/sms`;
const sealKey = randomBytes(32);
const hashKey = randomBytes(32);
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `k:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${data.toString('base64')}`;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function receive(raw: Buffer, signature: string): Promise<number> {
  const params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (!twilio.validateRequest(token, signature, publicUrl, params)) return 403;
  if (!params.MessageSid || !params.From) return 400;
  const ref = createHmac('sha256', hashKey).update(params.MessageSid).digest('base64url');
  const message = {
    id: randomUUID(),
    topic: 'jansetu.inbound.v1',
    key: `sms:${ref}`,
    type: 'inbound.received',
    payload: {
      channel: 'sms',
      fromSealed: seal(params.From),
      textSealed: seal(params.Body ?? ''),
      providerMessageId: ref,
      receivedAt: new Date().toISOString(),
    },
    occurredAt: new Date().toISOString(),
  };
  await pool.query(
    `WITH fresh AS (
       INSERT INTO inbound_receipt (channel, provider_message_id) VALUES ('sms', $1)
       ON CONFLICT DO NOTHING RETURNING 1)
     INSERT INTO outbox_message (id, topic, key, type, payload, created_at)
     SELECT $2, $3, $4, $5, $6, $7 FROM fresh`,
    [ref, message.id, message.topic, message.key, message.type, JSON.stringify(message), message.occurredAt],
  );
  return 200;
}

createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhooks/twilio/sms') {
    res.writeHead(404).end();
    return;
  }
  const signature = req.headers['x-twilio-signature'];
  body(req)
    .then((raw) => receive(raw, typeof signature === 'string' ? signature : ''))
    .then(
      (status) => res.writeHead(status, { 'content-type': 'text/xml' }).end(status === 200 ? TWIML : ''),
      () => res.writeHead(500).end(),
    );
}).listen(Number(env.PORT), '127.0.0.1', () => console.log('listening'));

process.once('SIGTERM', () => void pool.end().finally(() => process.exit(0)));
