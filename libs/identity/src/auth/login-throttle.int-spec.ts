import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@jansetu/platform';
import { LoginThrottle } from './login-throttle';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function throttle(env: Record<string, string>): LoginThrottle {
  return new LoginThrottle(
    loadConfig({
      DATA_DIR: '/tmp/jansetu-login-throttle',
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
      LOGIN_THROTTLE_LIMIT: '3',
      LOGIN_THROTTLE_TTL_SECONDS: '60',
      ...env,
    }),
  );
}

/** Two throttles stand for two gateway workers; the counts must be one count. */
describe('LoginThrottle with Redis (real Redis)', () => {
  const prefix = `test-${randomUUID()}:`;
  const a = throttle({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
  const b = throttle({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
  const elsewhere = throttle({ REDIS_URL, REDIS_KEY_PREFIX: `other-${randomUUID()}:` });
  const down = throttle({ REDIS_URL: 'redis://127.0.0.1:1' });
  afterAll(async () => Promise.all([a, b, elsewhere, down].map((t) => t.onModuleDestroy())));

  it('adds up failures recorded by different processes, and a sign-in clears them', async () => {
    const user = `officer.${randomUUID().slice(0, 8)}`;
    await a.record(user, '10.0.0.1', false);
    await b.record(user, '10.0.0.2', false);
    expect(await a.retryAfter(user, '10.0.0.3')).toBe(0);
    await a.record(user.toUpperCase(), '10.0.0.1', false);
    // Three failures, the limit, whichever process counted them and however the username was typed.
    expect(await b.retryAfter(user, '10.0.0.9')).toBeGreaterThan(55);
    // Another deployment sharing the Redis (its own prefix) is not affected.
    expect(await elsewhere.retryAfter(user, '10.0.0.9')).toBe(0);
    await b.record(user, '10.0.0.1', true);
    expect(await a.retryAfter(user, '10.0.0.9')).toBe(0);
  });

  it('slows an address spraying usernames, except for an officer who signed in from it before', async () => {
    const sprayed = throttle({ REDIS_URL, REDIS_KEY_PREFIX: prefix, LOGIN_ADDRESS_FREE_FAILURES: '5' });
    const address = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const regular = `officer.${randomUUID().slice(0, 8)}`;
    await a.record(regular, address, true);
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).record(`guess.${i}.${randomUUID()}`, address, false);
    expect(await sprayed.retryAfter(`guess.new.${randomUUID()}`, address)).toBeGreaterThan(0);
    expect(await sprayed.retryAfter(regular, address)).toBe(0);
    await sprayed.onModuleDestroy();
  });

  it('still throttles in its own process while Redis cannot be reached', async () => {
    const user = `officer.${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) await down.record(user, '10.0.0.1', false);
    expect(await down.retryAfter(user, '10.0.0.1')).toBeGreaterThan(55);
  });
});
