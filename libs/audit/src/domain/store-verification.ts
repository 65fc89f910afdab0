import type { AuditVerification } from '../queries/verify-audit-chains/verify-audit-chains.query';
import { ChainBreak } from './audit-event';
import { ChainAnchor, VerificationSummary } from './chain-verifier';

/**
 * A chain head that moved this long ago, with nothing of it waiting in the outbox, has reached the store by now
 * (relay and projection run continuously); a store that still ends earlier lost its newest events.
 */
export const SETTLED_AFTER = '10 minutes';

/** Per chain, the last sequence any purge removed. */
export function purgedThrough(anchors: ChainAnchor[]): Map<string, number> {
  const through = new Map<string, number>();
  for (const a of anchors) through.set(a.chainId, Math.max(through.get(a.chainId) ?? 0, a.throughSeq));
  return through;
}

/** The break a head reports when the store ends before it; null when the store reaches the head. */
export function tailBreak(chainId: string, stored: number, head: number): ChainBreak | null {
  if (stored >= head) return null;
  return {
    chainId,
    chainSeq: stored + 1,
    eventId: null,
    reason:
      `events ${stored + 1}..${head} are missing from the store: the chain reached ${head} more than ` +
      `${SETTLED_AFTER} ago and nothing of it waits in the outbox (removed, or the projection has stopped)`,
  };
}

/** The answer of a run: the verifier's findings and the missing tails together, the first break in chain order. */
export function verificationResult(
  summary: VerificationSummary,
  tails: ChainBreak[],
  verifiedChains: ReadonlySet<string>,
  resumeAfterChainId: string | null,
): AuditVerification {
  const breaks = [...(summary.firstBreak ? [summary.firstBreak] : []), ...tails].sort((a, b) =>
    a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : a.chainSeq - b.chainSeq,
  );
  const brokenChains = new Set([...summary.breaks, ...tails].map((b) => b.chainId)).size;
  return {
    ok: breaks.length === 0,
    checkedEvents: summary.checkedEvents,
    chains: summary.chains + tails.filter((t) => !verifiedChains.has(t.chainId)).length,
    brokenChains: Math.max(brokenChains, summary.brokenChains),
    anchoredChains: summary.anchoredChains,
    ...(breaks.length ? { firstBreak: breaks[0] } : {}),
    complete: resumeAfterChainId === null,
    ...(resumeAfterChainId === null ? {} : { resumeAfterChainId }),
  };
}
