import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRawConfig, RawConfig, Secrets } from './app-config';

/**
 * The bootstrap step of embedded mode (no DATABASE_URL), run by the apps before `loadConfig`: the secrets come from
 * DATA_DIR/secrets.json, generated once (mode 0600) so `npm start` works on a fresh machine. A secret set in the
 * environment wins. Returns the environment to load the configuration from; distributed mode's is returned as is.
 * Invalid settings throw the same ConfigError as `loadConfig`, before anything is written.
 */
export function ensureEmbeddedSecrets(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string | undefined> {
  const raw = parseRawConfig(env);
  if (raw.DATABASE_URL) return { ...env };
  return { ...env, ...storedSecrets(raw), AUDIT_SIGNING_KEY: raw.AUDIT_SIGNING_KEY ?? auditSigningKey(raw) };
}

/**
 * The audit checkpoints' signing key lives in its own file beside the database, never in it, so an operator can move
 * it off the machine and pass AUDIT_SIGNING_KEY instead. Generated once; its public key is printed when it is made.
 */
function auditSigningKey(raw: RawConfig): string {
  const file = join(resolve(raw.DATA_DIR), 'audit-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.error(
    `audit checkpoints: new signing key in ${file}; its public key (publish it; verify with it):\n` +
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  return pem;
}

function storedSecrets(raw: RawConfig): Secrets {
  const dir = resolve(raw.DATA_DIR);
  const file = join(dir, 'secrets.json');
  mkdirSync(dir, { recursive: true });
  let stored: Partial<Secrets> = {};
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
