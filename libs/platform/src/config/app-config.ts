import { createPrivateKey, KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  booleanSetting as boolean,
  cleanEnvironment,
  ConfigError,
  optionalUrl,
  parseSettings,
  SettingsEnv,
} from './settings';

export { ConfigError } from './settings';

const base64Key = (name: string) =>
  z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, `${name} must be 32 bytes, base64-encoded`)
    .optional();

/**
 * The settings every part of JanSetu shares, validated once at start-up. Each channel provider validates its own
 * (libs/channels, one schema per provider folder). See config/jansetu.env.example.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Gateway processes serving PORT together (node:cluster, a supervisor restarts any that dies). More than one needs
  // distributed mode and REDIS_URL (the login throttle's counts and session changes are shared through Redis).
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(32).default(1),
  // The dispatcher serves /metrics (Prometheus) and /health on this port when set.
  DISPATCHER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // The gateway's /metrics: on this operators' port only (its public port answers 404), or on the public port to
  // callers sending `Authorization: Bearer <METRICS_TOKEN>`. Neither: open in embedded mode (loopback), off otherwise.
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
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
  // Prepended to JanSetu's shared keys and channels in Redis (login throttle, session changes), so deployments or test
  // runs sharing one Redis do not share them. Every gateway of one deployment must use the same.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{0,64}$/, 'must be at most 64 of A-Z a-z 0-9 . _ : -')
    .default('jansetu:'),
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
  RUN_WORKERS: boolean,
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(200),
  // A bus message a consumer keeps failing on is parked in dead_letter (CLI dead-letters:list / :replay) once it has
  // failed this many times AND for this long, so a poison message stalls its partition for about a minute, while an
  // outage of the database (where it would be parked) or a short hiccup parks nothing.
  DEAD_LETTER_AFTER_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  DEAD_LETTER_AFTER_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: optionalUrl,
  SEED_SAMPLE_JURISDICTIONS: boolean,

  // Broadcasts.
  BROADCAST_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(5000),
  // Audiences of more memberships than this are streamed: created at once, materialised slice by slice by the
  // dispatchers while the first slices are already being sent (a state-wide alert answers in under a second).
  FANOUT_STREAM_ABOVE: z.coerce.number().int().min(0).default(10_000),
  DISPATCH_BUCKET_SIZE: z.coerce.number().int().min(10).max(100000).default(2000),
  DISPATCH_MAX_BUCKETS: z.coerce.number().int().min(1).max(1024).default(64),
  DISPATCH_STALE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // Per-provider circuit breaker: this many transport failures in a row open it (keep it below the 5 attempts a
  // delivery has, so an outage fails nothing); sends are then held and one probe goes out after the cool-down.
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(4).default(3),
  CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  SMS_COST_PER_SEGMENT_PAISE: z.coerce.number().min(0).default(15),
  WHATSAPP_COST_PER_MESSAGE_PAISE: z.coerce.number().min(0).default(12),
  WHATSAPP_DAILY_LIMIT: z.coerce.number().int().min(0).default(1000),

  // Audit checkpoints: the Ed25519 key that signs the chain heads (PEM or base64 PKCS#8 DER), kept out of the
  // database; absent in distributed mode means no checkpoints (said at start-up). Embedded mode generates one.
  AUDIT_SIGNING_KEY: z
    .string()
    .refine(isEd25519PrivateKey, 'must be an Ed25519 private key, PEM or base64 PKCS#8 DER')
    .optional(),
  AUDIT_CHECKPOINT_EVERY_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  // Where signed checkpoints are also appended as JSON lines (embedded mode: DATA_DIR/audit-checkpoints).
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  // Citizens' photos, voice notes and videos, each sealed under the sender's data key (default DATA_DIR/media; in
  // distributed mode a folder every gateway and dispatcher shares), and the largest one kept.
  MEDIA_DIR: z.string().min(1).optional(),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  // Or S3-compatible object storage for them (AWS S3, MinIO, Ceph RGW...): set the bucket and its credentials; the
  // endpoint for anything but AWS (path-style addressing, as most S3-compatible stores expect).
  MEDIA_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 of a-z 0-9 . -)')
    .optional(),
  MEDIA_S3_ENDPOINT: optionalUrl,
  MEDIA_S3_REGION: z.string().min(1).default('ap-south-1'),
  MEDIA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  MEDIA_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or folder names ending in /, e.g. jansetu/media/')
    .default(''),
  // Approvals that hold and limits (issue #13): broadcasts an officer may create in a window (429 beyond), the
  // minutes an emergency's mandatory review waits at each level before it goes one level up, and the non-emergency
  // police messages one citizen receives in a day (beyond: the delivery is 'capped').
  BROADCAST_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  BROADCAST_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  // A reply or automatic text whose provider is down (or keeps failing) is held and tried again with backoff for
  // this long after its first failure, then failed for good (audited); a 10-minute outage loses none.
  REPLY_HOLD_MINUTES: z.coerce.number().int().min(0).max(10080).default(60),
  EMERGENCY_REVIEW_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
  /** An urgent case's alert nobody acknowledged goes to the subdivision, then the district, after so long. */
  ALERT_ESCALATE_AFTER_SECONDS: z.coerce.number().int().min(1).max(86400).default(300),
  CITIZEN_DAILY_MESSAGE_CAP: z.coerce.number().int().min(1).default(3),
  // A WhatsApp delivery beyond WHATSAPP_DAILY_LIMIT unique users in 24 h waits this long before it is tried again.
  WHATSAPP_HOLD_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  // Retention of the transport tables (days kept after they are no longer needed); 0 minutes switches the job off.
  RETENTION_EVERY_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  RETENTION_OUTBOX_DAYS: z.coerce.number().min(0).default(2),
  RETENTION_BUS_DAYS: z.coerce.number().min(0).default(2),
  // Longer than any redelivery: Kafka's topic retention (7 days by default) and Meta's 7 days of webhook retries.
  RETENTION_PROCESSED_DAYS: z.coerce.number().min(0).default(8),
  RETENTION_INBOUND_RECEIPT_DAYS: z.coerce.number().min(0).default(8),
  RETENTION_DELIVERY_DAYS: z.coerce.number().min(0).default(30),
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(100).max(100000).default(5000),
  // Officer sessions (identity). An access token is also checked against the officer's session version, cached
  // in-process for at most SESSION_CHECK_TTL_MS (and invalidated at once over Redis pub/sub when REDIS_URL is set).
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(2592000).default(43200),
  SESSION_CHECK_TTL_MS: z.coerce.number().int().min(0).max(60000).default(1000),
  // Login throttle: after LOGIN_THROTTLE_LIMIT failures of a username, waits of LOGIN_THROTTLE_TTL_SECONDS doubling
  // up to this cap (a delay, never a lock-out); an address is slowed only after many failures (spraying).
  LOGIN_THROTTLE_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(1).default(100),
  // Roles that must sign in with a TOTP second factor (comma list); others may enrol. Empty only if you mean it.
  TOTP_REQUIRED_ROLES: z
    .string()
    .regex(/^([a-z_]+(,[a-z_]+)*)?$/, 'must be a comma list of roles')
    .default('hq_admin,district_admin,auditor')
    .transform((v) => v.split(',').filter(Boolean)),
  LOGIN_ADDRESS_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

/** Accepts the two spellings an operator may paste: a PEM block, or its base64 DER body on one line. */
export function parseEd25519PrivateKey(value: string): KeyObject {
  const key = value.includes('-----BEGIN')
    ? createPrivateKey(value)
    : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}

function isEd25519PrivateKey(value: string): boolean {
  try {
    parseEd25519PrivateKey(value);
    return true;
  } catch {
    return false;
  }
}

export type RawConfig = z.infer<typeof configSchema>;

export const SECRETS = ['JWT_SECRET', 'ENCRYPTION_KEY', 'BLIND_INDEX_KEY'] as const;
export type Secrets = Record<(typeof SECRETS)[number], string>;

export interface AppConfig extends Omit<RawConfig, (typeof SECRETS)[number]>, Secrets {
  mode: 'embedded' | 'distributed';
  CHANNEL_SIMULATOR: boolean;
  RUN_WORKERS: boolean;
  SEED_SAMPLE_JURISDICTIONS: boolean;
  /** The environment it was loaded from (empty values dropped): the channel providers parse their own settings here. */
  env: SettingsEnv;
}

/** The central settings, validated, before the mode-dependent defaults and the secrets are filled in. */
export function parseRawConfig(env: Readonly<Record<string, string | undefined>>): RawConfig {
  const raw = parseSettings(configSchema, cleanEnvironment(env));
  if (
    (raw.BOOTSTRAP_ADMIN_USERNAME && !raw.BOOTSTRAP_ADMIN_PASSWORD) ||
    (!raw.BOOTSTRAP_ADMIN_USERNAME && raw.BOOTSTRAP_ADMIN_PASSWORD)
  ) {
    throw new ConfigError(
      'Invalid setting BOOTSTRAP_ADMIN_PASSWORD: set both BOOTSTRAP_ADMIN_USERNAME and _PASSWORD, or neither',
    );
  }
  return raw;
}

/**
 * Validates the environment; pure (reads no file, writes none). A missing or invalid setting throws one line naming
 * it. Distributed mode requires the secrets from the environment, because every process must share them; embedded
 * mode gets them from `ensureEmbeddedSecrets`, which the apps call first.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const raw = parseRawConfig(env);
  const mode = raw.DATABASE_URL ? 'distributed' : 'embedded';
  if (raw.MEDIA_S3_BUCKET && (!raw.MEDIA_S3_ACCESS_KEY_ID || !raw.MEDIA_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      'Missing setting MEDIA_S3_ACCESS_KEY_ID / MEDIA_S3_SECRET_ACCESS_KEY: MEDIA_S3_BUCKET needs both',
    );
  }
  if (raw.GATEWAY_WORKERS > 1 && (mode === 'embedded' || !raw.REDIS_URL)) {
    throw new ConfigError(
      `Invalid setting GATEWAY_WORKERS: ${raw.GATEWAY_WORKERS} workers need ` +
        (mode === 'embedded'
          ? 'distributed mode (DATABASE_URL): the embedded database serves one process'
          : 'REDIS_URL: the login throttle and session changes are shared through Redis'),
    );
  }
  return {
    ...raw,
    ...requiredSecrets(raw, mode),
    DATA_DIR: resolve(raw.DATA_DIR),
    mode,
    CHANNEL_SIMULATOR: raw.CHANNEL_SIMULATOR ?? mode === 'embedded',
    RUN_WORKERS: raw.RUN_WORKERS ?? mode === 'embedded',
    SEED_SAMPLE_JURISDICTIONS: raw.SEED_SAMPLE_JURISDICTIONS ?? mode === 'embedded',
    AUDIT_CHECKPOINT_DIR:
      raw.AUDIT_CHECKPOINT_DIR ?? (mode === 'embedded' ? resolve(raw.DATA_DIR, 'audit-checkpoints') : undefined),
    MEDIA_DIR: resolve(raw.MEDIA_DIR ?? resolve(raw.DATA_DIR, 'media')),
    env: cleanEnvironment(env),
  };
}

function requiredSecrets(raw: RawConfig, mode: AppConfig['mode']): Secrets {
  for (const name of SECRETS) {
    if (!raw[name]) {
      if (mode === 'embedded') {
        throw new ConfigError(`Missing setting ${name}: embedded mode reads it from ensureEmbeddedSecrets(env)`);
      }
      const expected = name === 'JWT_SECRET' ? 'a random string of 32+ characters' : '32 random bytes, base64-encoded';
      throw new ConfigError(`Missing setting ${name}: distributed mode (DATABASE_URL set) needs ${expected}`);
    }
  }
  return { JWT_SECRET: raw.JWT_SECRET!, ENCRYPTION_KEY: raw.ENCRYPTION_KEY!, BLIND_INDEX_KEY: raw.BLIND_INDEX_KEY! };
}
