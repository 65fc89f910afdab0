import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './app-config';
import { ensureEmbeddedSecrets } from './embedded-secrets';

const dataDir = () => mkdtempSync(join(tmpdir(), 'jansetu-config-'));

describe('loadConfig', () => {
  it('starts embedded with generated, persisted secrets and the simulator on', () => {
    const dir = dataDir();
    const first = loadConfig(ensureEmbeddedSecrets({ DATA_DIR: dir }));
    expect(first).toMatchObject({ mode: 'embedded', PORT: 3000, CHANNEL_SIMULATOR: true, RUN_WORKERS: true });
    expect(loadConfig(ensureEmbeddedSecrets({ DATA_DIR: dir })).JWT_SECRET).toBe(first.JWT_SECRET);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('writes nothing itself: embedded mode without the bootstrap step names the missing secret', () => {
    const dir = join(dataDir(), 'never-created');
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/^Missing setting JWT_SECRET: embedded mode/);
    expect(existsSync(dir)).toBe(false);
  });

  it('writes no secrets file when a setting is invalid', () => {
    const dir = join(dataDir(), 'never-created');
    expect(() => ensureEmbeddedSecrets({ DATA_DIR: dir, PORT: 'eighty' })).toThrow(/^Invalid setting PORT: /);
    expect(existsSync(dir)).toBe(false);
  });

  it('requires every secret from the environment in distributed mode, naming the first missing one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://db/jansetu' })).toThrow(/^Missing setting JWT_SECRET: /);
    const env = {
      DATABASE_URL: 'postgresql://db/jansetu',
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    expect(loadConfig(env)).toMatchObject({ mode: 'distributed', CHANNEL_SIMULATOR: false, RUN_WORKERS: false });
  });

  it('runs several gateway workers only where they can share a database and Redis', () => {
    const secrets = {
      JWT_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    const distributed = { ...secrets, DATABASE_URL: 'postgresql://db/jansetu', GATEWAY_WORKERS: '4' };
    expect(() => loadConfig({ ...secrets, DATA_DIR: dataDir(), GATEWAY_WORKERS: '2' })).toThrow(
      /^Invalid setting GATEWAY_WORKERS: 2 workers need distributed mode/,
    );
    expect(() => loadConfig(distributed)).toThrow(/^Invalid setting GATEWAY_WORKERS: 4 workers need REDIS_URL/);
    expect(loadConfig({ ...distributed, REDIS_URL: 'redis://redis:6379' }).GATEWAY_WORKERS).toBe(4);
    expect(() => loadConfig({ ...distributed, GATEWAY_WORKERS: '0' })).toThrow(/^Invalid setting GATEWAY_WORKERS: /);
  });

  it.each([
    [{ PORT: '70000' }, /^Invalid setting PORT: /],
    [{ DATABASE_URL: 'mysql://db' }, /^Invalid setting DATABASE_URL: must be a postgres:\/\/ URL$/],
    [{ KAFKA_BROKERS: 'localhost' }, /^Invalid setting KAFKA_BROKERS: must be host:port/],
    [{ ENCRYPTION_KEY: 'c2hvcnQ=' }, /^Invalid setting ENCRYPTION_KEY: ENCRYPTION_KEY must be 32 bytes/],
    [{ BOOTSTRAP_ADMIN_USERNAME: 'admin' }, /^Invalid setting BOOTSTRAP_ADMIN_PASSWORD: /],
    [
      { BOOTSTRAP_ADMIN_USERNAME: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'short' },
      /^Invalid setting BOOTSTRAP_ADMIN_PASSWORD: must be at least 12/,
    ],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
