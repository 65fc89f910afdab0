/**
 * The built gateway (and optionally the dispatcher) in distributed mode on a fresh PostgreSQL database, the given
 * Kafka and Redis, with Twilio SMS, Meta WhatsApp and Telegram configured: the env of test/support.ts
 * startDistributed plus the provider credentials of test/channels.e2e-spec.ts. Provider APIs point at local fakes.
 */
import { randomBytes } from 'node:crypto';
import {
  AppProcess,
  createDatabase,
  freePort,
  MetaGraphApiFake,
  TelegramBotApiFake,
  TwilioApiFake,
} from '@jansetu/testing';
import { cpuProfileOptions } from './cpu-profile';

export const PUBLIC_BASE_URL = 'https://jansetu.bihar.example';
export const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TWILIO_TOKEN = 'bench-twilio-auth-token-0123456';
export const META_SECRET = 'bench-meta-app-secret';
export const TELEGRAM_SECRET = 'bench-telegram-webhook-secret-0123';

export interface BenchDeployment {
  baseUrl: string;
  databaseUrl: string;
  env: Record<string, string>;
  gateway: AppProcess;
  dispatcher?: AppProcess;
  twilio: TwilioApiFake;
  stop(): Promise<void>;
}

export async function startDeployment(
  prefix: string,
  label: string,
  brokers: string,
  withDispatcher: boolean,
  extraEnv: Record<string, string> = {},
): Promise<BenchDeployment> {
  const twilio = await new TwilioApiFake(TWILIO_SID, TWILIO_TOKEN).start();
  const meta = await new MetaGraphApiFake().start();
  const telegram = await new TelegramBotApiFake({ botUsername: 'BiharPoliceJanSetuBot' }).start();
  const port = await freePort();
  const databaseUrl = await createDatabase(prefix, label);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: `${prefix}.${label}.`,
    REDIS_KEY_PREFIX: `${prefix}.${label}:`,
    KAFKA_PARTITIONS: '3',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_ADMIN_USERNAME: 'hq.admin',
    BOOTSTRAP_ADMIN_PASSWORD: 'correct-horse-battery-staple',
    CHANNEL_SIMULATOR: 'false',
    OUTBOX_POLL_MS: '100',
    PUBLIC_BASE_URL,
    SMS_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_API_BASE_URL: twilio.baseUrl,
    TWILIO_SMS_FROM: '+15005550006',
    WHATSAPP_PROVIDER: 'meta',
    WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: META_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify-token',
    WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ...extraEnv,
  };
  // BENCH_CPU_PROF: the gateway writes a CPU profile into bench/results/ when it stops.
  const profile = process.env.BENCH_CPU_PROF ? cpuProfileOptions() : {};
  const gateway = new AppProcess('gateway', { ...env, ...profile, PORT: String(port) }).start();
  let dispatcher: AppProcess | undefined;
  const stop = async () => {
    await Promise.all([gateway.stop(), dispatcher?.stop()]);
    await Promise.all([twilio.stop(), meta.stop(), telegram.stop()]);
  };
  try {
    await gateway.waitForLog(/JanSetu gateway on/);
    if (withDispatcher) {
      dispatcher = new AppProcess('dispatcher', env).start();
      await dispatcher.waitForLog(/dispatcher running/);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, databaseUrl, env, gateway, dispatcher, twilio, stop };
}
