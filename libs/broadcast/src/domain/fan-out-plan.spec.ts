import { describe, expect, it } from 'vitest';
import { fanOutPlan, MAX_SLICES } from './fan-out-plan';

const settings = { streamAbove: 10_000, bucketSize: 2000, maxBuckets: 64 };

describe('fan-out plan', () => {
  it('materialises an audience up to the threshold at once, so the officer is told its exact size', () => {
    expect(fanOutPlan(0, settings)).toEqual({ kind: 'at-once' });
    expect(fanOutPlan(10_000, settings)).toEqual({ kind: 'at-once' });
  });

  it('streams a larger one in slices of about a bucket, dealt round at most the configured buckets', () => {
    expect(fanOutPlan(10_001, settings)).toEqual({ kind: 'streamed', memberships: 10_001, slices: 6, buckets: 6 });
    // A district of 3 lakh: 150 slices over 64 buckets; the state's 2.6 M memberships: 1,300 slices.
    expect(fanOutPlan(300_000, settings)).toEqual({ kind: 'streamed', memberships: 300_000, slices: 150, buckets: 64 });
    expect(fanOutPlan(2_600_000, settings)).toEqual({
      kind: 'streamed',
      memberships: 2_600_000,
      slices: 1300,
      buckets: 64,
    });
  });

  it('caps the slices for the whole state (13 crore), making each one larger instead', () => {
    expect(fanOutPlan(130_000_000, settings)).toEqual({
      kind: 'streamed',
      memberships: 130_000_000,
      slices: MAX_SLICES,
      buckets: 64,
    });
  });
});
