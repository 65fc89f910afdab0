import { describe, expect, it } from 'vitest';
import { retryPauseMs, shouldPark } from './dead-letters';

describe('when a failing bus message is parked', () => {
  const policy = { afterAttempts: 5, afterMs: 60_000 };
  const first = 1_000_000;

  it.each([
    { attempts: 1, elapsed: 0, park: false, why: 'the first failure' },
    { attempts: 4, elapsed: 120_000, park: false, why: 'long, but too few attempts' },
    { attempts: 5, elapsed: 3_000, park: false, why: 'enough attempts within seconds: a short outage' },
    { attempts: 40, elapsed: 59_999, park: false, why: 'many attempts, still under the minute' },
    { attempts: 5, elapsed: 60_000, park: true, why: 'enough attempts over a minute' },
    { attempts: 13, elapsed: 75_000, park: true, why: 'kept failing' },
  ])('$why: $attempts attempts over $elapsed ms → parked $park', ({ attempts, elapsed, park }) => {
    expect(shouldPark({ attempts, firstAt: first }, first + elapsed, policy)).toBe(park);
  });
});

describe('the pause before a failed message is tried again', () => {
  it.each([
    { attempts: 1, low: 160, high: 240 },
    { attempts: 2, low: 320, high: 480 },
    { attempts: 4, low: 1280, high: 1920 },
    { attempts: 6, low: 4000, high: 6000 },
    { attempts: 30, low: 4000, high: 6000 },
  ])('after $attempts failures: between $low and $high ms', ({ attempts, low, high }) => {
    expect(retryPauseMs(attempts, () => 0)).toBeCloseTo(low);
    expect(retryPauseMs(attempts, () => 1)).toBeCloseTo(high);
  });
});
