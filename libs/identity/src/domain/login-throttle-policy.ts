/** The limits of the login throttle (from LOGIN_THROTTLE_* settings). */
export interface LoginThrottlePolicy {
  /** Failures of one username (from anywhere) before each further attempt must wait. */
  usernameFreeFailures: number;
  /** The first wait for a username, doubled by each further failure, up to `usernameMaxDelaySeconds`. */
  usernameBaseDelaySeconds: number;
  usernameMaxDelaySeconds: number;
  /** Failures from one address (any usernames) before it is slowed: generous, a thana's NAT is one address. */
  addressFreeFailures: number;
  addressMaxDelaySeconds: number;
}

export interface FailureCount {
  failures: number;
  lastFailureAt: number;
}

/** Seconds to wait after `failures` failures: none while free, then base·2^k, capped; never forever. */
export function delayAfter(failures: number, free: number, base: number, max: number): number {
  if (failures < free) return 0;
  return Math.min(max, base * 2 ** Math.min(failures - free, 30));
}

/**
 * Seconds the next attempt must still wait (0: go ahead). The username limit stops guessing one officer's password
 * from anywhere but only ever delays (capped), so an attacker cannot lock the officer out; the address limit slows
 * spraying many usernames and does not apply to a username that has signed in from that address before, so the
 * officers behind a police station's shared address still get in.
 */
export function retryAfterSeconds(
  p: LoginThrottlePolicy,
  now: number,
  username: FailureCount | undefined,
  address: FailureCount | undefined,
  knownPair: boolean,
): number {
  const wait = (c: FailureCount | undefined, delay: number) =>
    c && delay > 0 ? Math.max(0, Math.ceil((c.lastFailureAt + delay * 1000 - now) / 1000)) : 0;
  const byUsername = username
    ? wait(
        username,
        delayAfter(username.failures, p.usernameFreeFailures, p.usernameBaseDelaySeconds, p.usernameMaxDelaySeconds),
      )
    : 0;
  const byAddress =
    address && !knownPair
      ? wait(address, delayAfter(address.failures, p.addressFreeFailures, 1, p.addressMaxDelaySeconds))
      : 0;
  return Math.max(byUsername, byAddress);
}
