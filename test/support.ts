import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ApiClient, AppProcess, createDatabase, eventually, freePort, REPO_ROOT } from '@jansetu/testing';

export const ADMIN = { username: 'hq.admin', password: 'correct-horse-battery-staple' };
export const SAMPLE_CSV = readFileSync(join(REPO_ROOT, 'config/jurisdictions/bihar-sample.csv'), 'utf8');

export interface Deployment {
  api: ApiClient;
  gateway: AppProcess;
  dispatcher: AppProcess;
  topicPrefix: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Gateway and dispatcher as separate processes on a fresh PostgreSQL database and the given Kafka. */
export async function startDistributed(
  runPrefix: string,
  label: string,
  kafkaBrokers: string,
  extraEnv: Record<string, string> = {},
): Promise<Deployment> {
  const port = await freePort();
  const topicPrefix = `${runPrefix}.${label}.`;
  const env = {
    DATABASE_URL: await createDatabase(runPrefix, label),
    // One folder for citizens' media, shared by gateway and dispatcher as a deployment's would be.
    MEDIA_DIR: mkdtempSync(join(tmpdir(), `jansetu-media-${label}-`)),
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    REDIS_KEY_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '3',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    CHANNEL_SIMULATOR: 'true',
    OUTBOX_POLL_MS: '100',
    // The e2e worlds send many broadcasts to the same few citizens; the daily cap and the per-officer rate limit
    // have their own specs (libs/broadcast), and a spec that tests them sets them in extraEnv.
    CITIZEN_DAILY_MESSAGE_CAP: '1000',
    BROADCAST_RATE_LIMIT: '1000',
    ...extraEnv,
  };
  const gateway = new AppProcess('gateway', { ...env, PORT: String(port) }).start();
  await gateway.waitForLog(/JanSetu gateway on/);
  const dispatcher = new AppProcess('dispatcher', env).start();
  await dispatcher.waitForLog(/dispatcher running/);
  const api = new ApiClient(`http://127.0.0.1:${port}`);
  const deployment: Deployment = {
    api,
    gateway,
    dispatcher,
    topicPrefix,
    env,
    async stop() {
      await Promise.all([gateway.stop(), deployment.dispatcher.stop()]);
    },
  };
  return deployment;
}

/** Reads every message of a topic from the beginning with a consumer group of its own. */
export async function readTopic(
  brokers: string,
  topic: string,
  until: (values: unknown[]) => boolean,
  timeoutMs = 60_000,
) {
  const kafka = new Kafka({ clientId: 'jansetu-test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(6).toString('hex')}` });
  const values: unknown[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void values.push(JSON.parse(message.value!.toString('utf8'))),
    });
    await eventually(async () => (until(values) ? true : undefined), timeoutMs, `messages on ${topic}`);
    return values;
  } finally {
    await consumer.disconnect();
  }
}

/** Plays a citizen on the simulator channel; returns what the simulator delivered to them. */
export async function citizenSends(api: ApiClient, from: string, text: string, messageId?: string) {
  return api.request<{ accepted: boolean }>('POST', '/webhooks/simulator', { from, text, messageId });
}

export async function inboxOf(api: ApiClient, address: string) {
  const res = await api.request<{ text: string }[]>(
    'GET',
    `/simulator/messages?address=${encodeURIComponent(address)}`,
  );
  return res.body;
}

/**
 * Members made directly in the database, as thousands of joins would leave them (encrypted address, blind index,
 * consent record): a large audience without thousands of webhook round trips. Returns their addresses.
 */
export async function seedMembers(env: Record<string, string>, groupId: string, count: number, prefix = '+9170') {
  const { Client } = await import('pg');
  const { BlindIndex, FieldCipher, maskAddress } = await import('@jansetu/platform');
  const cipher = new FieldCipher('k1', { k1: env.ENCRYPTION_KEY });
  const index = new BlindIndex(env.BLIND_INDEX_KEY);
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const addresses: string[] = [];
  try {
    for (let start = 0; start < count; start += 5000) {
      const batch = Array.from(
        { length: Math.min(5000, count - start) },
        (_, i) => `${prefix}${String(start + i).padStart(8, '0')}`,
      );
      addresses.push(...batch);
      await client.query(
        `WITH c AS (
           INSERT INTO citizen (pseudonym) SELECT 'N-S' || substr(md5(random()::text || a), 1, 9) FROM unnest($1::text[]) a RETURNING id),
         numbered AS (SELECT id, row_number() OVER () AS n FROM c),
         cp AS (
           INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred)
           SELECT numbered.id, 'simulator', ($2::text[])[n], ($3::text[])[n], ($4::text[])[n], true FROM numbered RETURNING citizen_id)
         INSERT INTO membership (group_id, citizen_id, status, consent)
         SELECT $5, citizen_id, 'active', '{"channel":"simulator","words":"JOIN","noticeVersion":"seed"}' FROM cp`,
        [
          batch,
          batch.map((a) => cipher.encrypt(a)),
          batch.map((a) => index.hash('simulator', a)),
          batch.map((a) => maskAddress(a)),
          groupId,
        ],
      );
    }
  } finally {
    await client.end();
  }
  return addresses;
}

/** What the simulator delivered for one broadcast text: total sends and distinct recipients. */
export async function simulatorCounts(env: Record<string, string>, textStart: string) {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ total: number; distinct: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT address_hash)::int AS distinct FROM simulator_message WHERE text LIKE $1 || '%'`,
      [textStart],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
