import { describe, expect, it } from 'vitest';
import { delayAfter, LoginThrottlePolicy, retryAfterSeconds } from './login-throttle-policy';

const policy: LoginThrottlePolicy = {
  usernameFreeFailures: 5,
  usernameBaseDelaySeconds: 60,
  usernameMaxDelaySeconds: 900,
  addressFreeFailures: 100,
  addressMaxDelaySeconds: 30,
};
const now = 1_000_000_000;
const failed = (failures: number, secondsAgo = 0) => ({ failures, lastFailureAt: now - secondsAgo * 1000 });

describe('the login throttle', () => {
  it.each<[number, number]>([
    [0, 0],
    [4, 0],
    [5, 60],
    [6, 120],
    [7, 240],
    [9, 900],
    [1000, 900],
  ])('after %i failures of one username, waits %i s', (failures, seconds) => {
    expect(delayAfter(failures, 5, 60, 900)).toBe(seconds);
  });

  it.each<[string, [number, number] | null, number | null, boolean, number]>([
    ['a fresh username from a fresh address', null, null, false, 0],
    ['four wrong passwords: still free', [4, 0], null, false, 0],
    ['five wrong passwords just now: a minute', [5, 0], null, false, 60],
    ['five wrong passwords 50 s ago: ten seconds left', [5, 50], null, false, 10],
    ['five wrong passwords two minutes ago: free again to try', [5, 120], null, false, 0],
    ['spraying: 100 failures from the address, a new username', null, 100, false, 1],
    ['spraying on: 110 failures, capped at 30 s', null, 110, false, 30],
    ['the rightful officer behind that address, known there: not slowed by it', null, 110, true, 0],
    ['the known officer’s own username under attack: still the username limit', [6, 0], 110, true, 120],
  ])('%s', (_, user, address, known, seconds) => {
    const userCount = user === null ? undefined : failed(user[0], user[1]);
    const addressCount = address === null ? undefined : failed(address);
    expect(retryAfterSeconds(policy, now, userCount, addressCount, known)).toBe(seconds);
  });
});
