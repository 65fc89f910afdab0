/**
 * How a broadcast's audience becomes deliveries. A small one is materialised in the request that creates it (the
 * officer is told the exact count). A large one is streamed: the request records the broadcast and cuts its
 * audience into slices (ranges of citizen id), and the dispatchers materialise each slice when its bucket is
 * worked, so the request answers at once and the first slice can be sent while the rest is still being resolved.
 */
export type FanOutPlan =
  { kind: 'at-once' } | { kind: 'streamed'; memberships: number; slices: number; buckets: number };

/** More slices than this only makes each one tinier: 10,000 slices of a 13-crore state are 13,000 citizens each. */
export const MAX_SLICES = 10_000;

export interface FanOutSettings {
  /** Memberships above which the audience is streamed (FANOUT_STREAM_ABOVE). */
  streamAbove: number;
  /** Recipients a slice (and, at once, a bucket) aims at (DISPATCH_BUCKET_SIZE). */
  bucketSize: number;
  /** Buckets a broadcast is spread over at most (DISPATCH_MAX_BUCKETS). */
  maxBuckets: number;
}

/** The plan for an audience of `memberships` active memberships (an upper bound of its recipients). */
export function fanOutPlan(memberships: number, s: FanOutSettings): FanOutPlan {
  if (memberships <= s.streamAbove) return { kind: 'at-once' };
  const slices = Math.min(MAX_SLICES, Math.max(1, Math.ceil(memberships / s.bucketSize)));
  return { kind: 'streamed', memberships, slices, buckets: Math.min(s.maxBuckets, slices) };
}
