import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { FailureCount, LoginThrottlePolicy, retryAfterSeconds } from '../domain/login-throttle-policy';

/** Counters are forgotten after a day without failures; at most this many are kept (oldest dropped first). */
const FORGET_AFTER_MS = 24 * 3600 * 1000;
const MAX_KEYS = 100_000;

/**
 * Failed logins per username and per client address, and the (username, address) pairs that signed in, held in
 * this process (one gateway: the limits hold per gateway process; several gateways multiply them).
 */
@Injectable()
export class LoginThrottle {
  private readonly usernames = new Map<string, FailureCount>();
  private readonly addresses = new Map<string, FailureCount>();
  private readonly knownPairs = new Map<string, number>();
  private readonly policy: LoginThrottlePolicy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = {
      usernameFreeFailures: config.LOGIN_THROTTLE_LIMIT,
      usernameBaseDelaySeconds: config.LOGIN_THROTTLE_TTL_SECONDS,
      usernameMaxDelaySeconds: config.LOGIN_THROTTLE_MAX_DELAY_SECONDS,
      addressFreeFailures: config.LOGIN_ADDRESS_FREE_FAILURES,
      addressMaxDelaySeconds: config.LOGIN_ADDRESS_MAX_DELAY_SECONDS,
    };
  }

  /** Seconds the attempt must wait first; 0 to go ahead. */
  retryAfter(username: string, address: string): number {
    const u = username.toLowerCase();
    return retryAfterSeconds(
      this.policy,
      Date.now(),
      this.current(this.usernames, u),
      this.current(this.addresses, address),
      this.knownPairs.has(`${u}|${address}`),
    );
  }

  record(username: string, address: string, ok: boolean): void {
    const u = username.toLowerCase();
    if (ok) {
      this.usernames.delete(u);
      bounded(this.knownPairs).set(`${u}|${address}`, Date.now());
      return;
    }
    for (const [map, key] of [
      [this.usernames, u],
      [this.addresses, address],
    ] as const) {
      const c = this.current(map, key);
      bounded(map).set(key, { failures: (c?.failures ?? 0) + 1, lastFailureAt: Date.now() });
    }
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
