import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_PARTITIONS: '3',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    CHANNEL_SIMULATOR: 'true',
    OUTBOX_POLL_MS: '100',
    ...extraEnv,
  };
  const gateway = new AppProcess('gateway', { ...env, PORT: String(port) }).start();
  await gateway.waitForLog(/JanSetu gateway on/);
  const dispatcher = new AppProcess('dispatcher', env).start();
  await dispatcher.waitForLog(/dispatcher running/);
  const api = new ApiClient(`http://127.0.0.1:${port}`);
  return {
    api,
    gateway,
    dispatcher,
    topicPrefix,
    env,
    async stop() {
      await Promise.all([gateway.stop(), dispatcher.stop()]);
    },
  };
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
