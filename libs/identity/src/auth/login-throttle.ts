import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { FailureCount, LoginThrottlePolicy, retryAfterSeconds } from '../domain/login-throttle-policy';

/** Counters are forgotten after a day without failures; a sign-in from an address is remembered for 90 days. */
const FORGET_AFTER_MS = 24 * 3600 * 1000;
const KNOWN_PAIR_MS = 90 * 24 * 3600 * 1000;
/** In memory: at most this many counters of each kind (oldest dropped first). */
const MAX_KEYS = 100_000;

/** What the throttle needs to know about one attempt. */
export interface AttemptHistory {
  username?: FailureCount;
  address?: FailureCount;
  knownPair: boolean;
}

/** Where failed sign-ins are counted: this process, or Redis so that every gateway process sees the same counts. */
export interface LoginFailureStore {
  history(username: string, address: string): Promise<AttemptHistory>;
  failed(username: string, address: string): Promise<void>;
  succeeded(username: string, address: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryLoginFailureStore implements LoginFailureStore {
  private readonly usernames = new Map<string, FailureCount>();
  private readonly addresses = new Map<string, FailureCount>();
  private readonly knownPairs = new Map<string, number>();

  history(username: string, address: string): Promise<AttemptHistory> {
    const seen = this.knownPairs.get(`${username}|${address}`);
    return Promise.resolve({
      username: this.current(this.usernames, username),
      address: this.current(this.addresses, address),
      knownPair: seen !== undefined && Date.now() - seen < KNOWN_PAIR_MS,
    });
  }

  failed(username: string, address: string): Promise<void> {
    for (const [map, key] of [
      [this.usernames, username],
      [this.addresses, address],
    ] as const) {
      const c = this.current(map, key);
      bounded(map).set(key, { failures: (c?.failures ?? 0) + 1, lastFailureAt: Date.now() });
    }
    return Promise.resolve();
  }

  succeeded(username: string, address: string): Promise<void> {
    this.usernames.delete(username);
    bounded(this.knownPairs).set(`${username}|${address}`, Date.now());
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private current(map: Map<string, FailureCount>, key: string): FailureCount | undefined {
    const c = map.get(key);
    if (c && Date.now() - c.lastFailureAt > FORGET_AFTER_MS) {
      map.delete(key);
      return undefined;
    }
    return c;
  }
}

function bounded<V>(map: Map<string, V>): Map<string, V> {
  if (map.size >= MAX_KEYS) map.delete(map.keys().next().value!);
  return map;
}

/**
 * The counts in Redis (one hash per username and per address, expiring a day after the last failure), so the limits
 * hold across every gateway process and worker rather than per process. Keys are hashes of the username and address.
 */
export class RedisLoginFailureStore implements LoginFailureStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async history(username: string, address: string): Promise<AttemptHistory> {
    const replies = await this.redis
      .multi()
      .hmget(this.key('u', username), 'failures', 'last')
      .hmget(this.key('a', address), 'failures', 'last')
      .exists(this.key('pair', `${username}|${address}`))
      .exec();
    const [u, a, pair] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    return { username: count(u), address: count(a), knownPair: pair === 1 };
  }

  async failed(username: string, address: string): Promise<void> {
    const now = String(Date.now());
    const tx = this.redis.multi();
    for (const key of [this.key('u', username), this.key('a', address)]) {
      tx.hincrby(key, 'failures', 1).hset(key, 'last', now).pexpire(key, FORGET_AFTER_MS);
    }
    await tx.exec();
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.redis
      .multi()
      .del(this.key('u', username))
      .set(this.key('pair', `${username}|${address}`), '1', 'PX', KNOWN_PAIR_MS)
      .exec();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }

  private key(kind: string, value: string): string {
    return `${this.prefix}${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 32)}`;
  }
}

function count(reply: unknown): FailureCount | undefined {
  const [failures, last] = (reply as (string | null)[] | null) ?? [];
  if (!failures || !last) return undefined;
  return { failures: Number(failures), lastFailureAt: Number(last) };
}

/**
 * Failed logins per username and per client address, and the (username, address) pairs that signed in: in Redis
 * when REDIS_URL is set (the limits hold across every gateway process and worker), else in this process. If Redis
 * cannot answer, this process's own counts are used meanwhile (the limits then hold per process, never not at all).
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly policy: LoginThrottlePolicy;
  private readonly local = new MemoryLoginFailureStore();
  private readonly shared?: LoginFailureStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = {
      usernameFreeFailures: config.LOGIN_THROTTLE_LIMIT,
      usernameBaseDelaySeconds: config.LOGIN_THROTTLE_TTL_SECONDS,
      usernameMaxDelaySeconds: config.LOGIN_THROTTLE_MAX_DELAY_SECONDS,
      addressFreeFailures: config.LOGIN_ADDRESS_FREE_FAILURES,
      addressMaxDelaySeconds: config.LOGIN_ADDRESS_MAX_DELAY_SECONDS,
    };
    if (config.REDIS_URL) {
      // A sign-in waits at most about a second for Redis before this process's counts stand in.
      const redis = new Redis(config.REDIS_URL, {
        maxRetriesPerRequest: 1,
        connectTimeout: 1000,
        commandTimeout: 1000,
      });
      redis.on('error', (e: Error) => this.logger.warn(`redis: ${e.message}; login failures counted in this process`));
      this.shared = new RedisLoginFailureStore(redis, `${config.REDIS_KEY_PREFIX}login:`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.shared?.close();
  }

  /** Seconds the attempt must wait first; 0 to go ahead. */
  async retryAfter(username: string, address: string): Promise<number> {
    const h = await this.store('history', (s) => s.history(username.toLowerCase(), address));
    return retryAfterSeconds(this.policy, Date.now(), h.username, h.address, h.knownPair);
  }

  async record(username: string, address: string, ok: boolean): Promise<void> {
    const u = username.toLowerCase();
    await this.store('record', (s) => (ok ? s.succeeded(u, address) : s.failed(u, address)));
  }

  /** The shared store, or this process's while it is unreachable (a local write keeps the count meanwhile). */
  private async store<T>(what: string, run: (s: LoginFailureStore) => Promise<T>): Promise<T> {
    if (this.shared) {
      try {
        return await run(this.shared);
      } catch (e) {
        this.logger.warn(`login throttle: redis ${what} failed (${(e as Error).message}); counting in this process`);
      }
    }
    return run(this.local);
  }
}
