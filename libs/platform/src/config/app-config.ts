import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const base64Key = (name: string) =>
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, `${name} must be 32 bytes, base64-encoded`)
    .optional();

const optionalUrl = z.string().url().optional();
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v))
  .optional();

/** Every setting JanSetu reads, validated once at start-up. See config/jansetu.env.example. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // The dispatcher serves /metrics (Prometheus) and /health on this port when set.
  DISPATCHER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  KAFKA_CLIENT_ID: z.string().default('jansetu'),
  KAFKA_TOPIC_PREFIX: z.string().default(''),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
  ENCRYPTION_KEY: base64Key('ENCRYPTION_KEY'),
  ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,16}$/, 'must be 1-16 of a-z, 0-9, -')
    .default('k1'),
  // Retired keys "id:base64,id:base64", still read while `cli reencrypt-contacts` moves their rows to the current one.
  ENCRYPTION_OLD_KEYS: z
    .string()
    .regex(/^[a-z0-9-]{1,16}:[A-Za-z0-9+/=]+(,[a-z0-9-]{1,16}:[A-Za-z0-9+/=]+)*$/, 'must be id:base64[,id:base64...]')
    .transform((v) => Object.fromEntries(v.split(',').map((pair) => pair.split(':') as [string, string])))
    .refine((keys) => Object.values(keys).every((k) => Buffer.from(k, 'base64').length === 32), 'keys must be 32 bytes')
    .optional(),
  // Shown to citizens on join posters and links (display only): the SMS number or short code, the WhatsApp number.
  SMS_DISPLAY_NUMBER: z
    .string()
    .regex(/^\+?[0-9]{5,15}$/, 'must be digits, optionally with a leading +')
    .optional(),
  WHATSAPP_DISPLAY_NUMBER: z
    .string()
    .regex(/^\+?[0-9]{8,15}$/, 'must be the number in international form, e.g. +919431000000')
    .optional(),
  BLIND_INDEX_KEY: base64Key('BLIND_INDEX_KEY'),
  BOOTSTRAP_ADMIN_USERNAME: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3-64 of a-z 0-9 . _ -')
    .optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOGIN_THROTTLE_LIMIT: z.coerce.number().int().min(1).default(5),
  LOGIN_THROTTLE_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
  CHANNEL_SIMULATOR: boolean,
  SIMULATOR_RATE: z.coerce.number().positive().default(1000),
  RUN_WORKERS: boolean,
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: optionalUrl,
  SEED_SAMPLE_JURISDICTIONS: boolean,

  // Broadcasts.
  BROADCAST_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(5000),
  DISPATCH_BUCKET_SIZE: z.coerce.number().int().min(10).max(100000).default(2000),
  DISPATCH_MAX_BUCKETS: z.coerce.number().int().min(1).max(1024).default(64),
  DISPATCH_STALE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  SMS_COST_PER_SEGMENT_PAISE: z.coerce.number().min(0).default(15),
  WHATSAPP_COST_PER_MESSAGE_PAISE: z.coerce.number().min(0).default(12),
  WHATSAPP_DAILY_LIMIT: z.coerce.number().int().min(0).default(1000),

  // Channels: a provider whose credentials are absent is off (and says so at start-up).
  SMS_PROVIDER: z.enum(['twilio', 'dlt']).default('dlt'),
  WHATSAPP_PROVIDER: z.enum(['meta', 'twilio']).default('meta'),

  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_API_BASE_URL: optionalUrl,
  TWILIO_SMS_FROM: z
    .string()
    .regex(/^(\+[0-9]{6,15}|MG[0-9a-fA-F]{32})$/, 'must be a +E.164 number or an MG messaging service SID')
    .optional(),
  TWILIO_WHATSAPP_FROM: z
    .string()
    .regex(/^\+[0-9]{6,15}$/, 'must be a +E.164 number')
    .optional(),
  TWILIO_SMS_RATE: z.coerce.number().positive().default(10),
  TWILIO_WHATSAPP_RATE: z.coerce.number().positive().default(80),

  WHATSAPP_ACCESS_TOKEN: z.string().min(10).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^[0-9]{5,20}$/, 'must be the numeric phone number id')
    .optional(),
  WHATSAPP_APP_SECRET: z.string().min(8).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(8).optional(),
  WHATSAPP_GRAPH_API_BASE_URL: z.string().url().default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v[0-9]+\.[0-9]+$/, 'must look like v23.0')
    .default('v23.0'),
  WHATSAPP_RATE: z.coerce.number().positive().default(80),

  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^[0-9]{5,12}:[A-Za-z0-9_-]{30,}$/, 'must be <bot id>:<secret>')
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 of A-Z a-z 0-9 _ -')
    .optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{5,32}$/, 'must be the bot username without @')
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_RATE: z.coerce.number().positive().default(30),

  // Indian DLT SMS gateway (an aggregator's or the government's HTTP API); see config/jansetu.env.example.
  DLT_SMS_URL: optionalUrl,
  DLT_SMS_METHOD: z.enum(['GET', 'POST']).default('POST'),
  DLT_USERNAME: z.string().optional(),
  DLT_PASSWORD: z.string().optional(),
  DLT_PARAM_USERNAME: z.string().default('username'),
  DLT_PARAM_PASSWORD: z.string().default('password'),
  DLT_PARAM_SENDER: z.string().default('senderid'),
  DLT_PARAM_TO: z.string().default('mobileno'),
  DLT_PARAM_TEXT: z.string().default('content'),
  DLT_PARAM_ENTITY_ID: z.string().default('dlt_entity_id'),
  DLT_PARAM_TEMPLATE_ID: z.string().default('dlt_template_id'),
  DLT_PARAM_UNICODE: z.string().default('unicode'),
  DLT_SENDER: z
    .string()
    .regex(/^[A-Z]{6}$/, 'must be the 6-letter DLT header, e.g. BHRPOL')
    .optional(),
  DLT_ENTITY_ID: z
    .string()
    .regex(/^[0-9]{10,25}$/, 'must be the numeric DLT principal entity id')
    .optional(),
  DLT_DEFAULT_TEMPLATE_ID: z
    .string()
    .regex(/^[0-9]{10,25}$/, 'must be a numeric DLT content template id')
    .optional(),
  DLT_SUCCESS_PATTERN: z.string().default('^(?:OK|SUCCESS|402)\\b'),
  DLT_MESSAGE_ID_PATTERN: z.string().default('([A-Za-z0-9-]{6,})\\s*$'),
  DLT_INBOUND_SECRET: z.string().min(16).optional(),
  DLT_RATE: z.coerce.number().positive().default(50),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig extends Omit<RawConfig, 'JWT_SECRET' | 'ENCRYPTION_KEY' | 'BLIND_INDEX_KEY'> {
  mode: 'embedded' | 'distributed';
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
  BLIND_INDEX_KEY: string;
  CHANNEL_SIMULATOR: boolean;
  RUN_WORKERS: boolean;
  SEED_SAMPLE_JURISDICTIONS: boolean;
}

export class ConfigError extends Error {}

const SECRETS = ['JWT_SECRET', 'ENCRYPTION_KEY', 'BLIND_INDEX_KEY'] as const;

/**
 * Validates the environment. A missing or invalid setting throws one line naming it.
 * Embedded mode (no DATABASE_URL) generates its secrets once under DATA_DIR so `npm start` works on a fresh
 * machine; distributed mode requires them from the environment, because every process must share them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  const raw = parsed.data;
  const mode = raw.DATABASE_URL ? 'distributed' : 'embedded';
  if (
    (raw.BOOTSTRAP_ADMIN_USERNAME && !raw.BOOTSTRAP_ADMIN_PASSWORD) ||
    (!raw.BOOTSTRAP_ADMIN_USERNAME && raw.BOOTSTRAP_ADMIN_PASSWORD)
  ) {
    throw new ConfigError(
      'Invalid setting BOOTSTRAP_ADMIN_PASSWORD: set both BOOTSTRAP_ADMIN_USERNAME and _PASSWORD, or neither',
    );
  }
  const secrets: Record<(typeof SECRETS)[number], string> =
    mode === 'embedded' ? embeddedSecrets(raw) : requiredSecrets(raw);
  return {
    ...raw,
    ...secrets,
    DATA_DIR: resolve(raw.DATA_DIR),
    mode,
    CHANNEL_SIMULATOR: raw.CHANNEL_SIMULATOR ?? mode === 'embedded',
    RUN_WORKERS: raw.RUN_WORKERS ?? mode === 'embedded',
    SEED_SAMPLE_JURISDICTIONS: raw.SEED_SAMPLE_JURISDICTIONS ?? mode === 'embedded',
  };
}

function requiredSecrets(raw: RawConfig) {
  for (const name of SECRETS) {
    if (!raw[name]) {
      const expected = name === 'JWT_SECRET' ? 'a random string of 32+ characters' : '32 random bytes, base64-encoded';
      throw new ConfigError(`Missing setting ${name}: distributed mode (DATABASE_URL set) needs ${expected}`);
    }
  }
  return { JWT_SECRET: raw.JWT_SECRET!, ENCRYPTION_KEY: raw.ENCRYPTION_KEY!, BLIND_INDEX_KEY: raw.BLIND_INDEX_KEY! };
}

function embeddedSecrets(raw: RawConfig) {
  const dir = resolve(raw.DATA_DIR);
  const file = join(dir, 'secrets.json');
  mkdirSync(dir, { recursive: true });
  let stored: Partial<Record<(typeof SECRETS)[number], string>> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  const merged = {
    JWT_SECRET: raw.JWT_SECRET ?? stored.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    ENCRYPTION_KEY: raw.ENCRYPTION_KEY ?? stored.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    BLIND_INDEX_KEY: raw.BLIND_INDEX_KEY ?? stored.BLIND_INDEX_KEY ?? randomBytes(32).toString('base64'),
  };
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(merged, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return merged;
}
