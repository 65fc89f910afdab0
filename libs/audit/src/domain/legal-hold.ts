import { ValidationError } from '@jansetu/platform';

/** Every change to retention and holds is one chain of its own. */
export const SETTINGS_CHAIN = 'audit:settings';
/** The record of purges is a chain of its own, which retention never touches. */
export const RETENTION_CHAIN = 'audit:retention';
export const MIN_RETENTION_DAYS = 30;

/** What a hold keeps: all null keeps everything. */
export interface HeldTarget {
  jurisdictionPath: string | null;
  chainId: string | null;
  pseudonym: string | null;
}

export function assertRetentionDays(retentionDays: number | null): void {
  if (retentionDays !== null && (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS)) {
    throw new ValidationError(
      `retentionDays must be a whole number of at least ${MIN_RETENTION_DAYS}, or null to keep every event`,
    );
  }
}

/** A hold as officers name it; at most one of the four, and a reason. */
export interface HoldRequest {
  jurisdictionCode?: string;
  broadcastId?: string;
  chainId?: string;
  pseudonym?: string;
}

/** Checks a request before anything is looked up; true when it names nothing (a hold on everything). */
export function assertHoldRequest(t: HoldRequest, reason: string): { all: boolean } {
  const named = [t.jurisdictionCode, t.broadcastId, t.chainId, t.pseudonym].filter((v) => v !== undefined);
  if (named.length > 1) {
    throw new ValidationError('a hold names at most one of jurisdictionCode, broadcastId, chainId, pseudonym');
  }
  if (!reason.trim()) throw new ValidationError('a legal hold needs a reason / कारण आवश्यक है');
  return { all: named.length === 0 };
}

export function assertReleaseReason(reason: string): void {
  if (!reason.trim()) throw new ValidationError('releasing a legal hold needs a reason / कारण आवश्यक है');
}

/** The stored target of a request, the jurisdiction already resolved to its path. */
export function heldTargetOf(t: HoldRequest, jurisdictionPath: string | null): HeldTarget {
  return {
    jurisdictionPath,
    chainId: t.broadcastId ? `broadcast:${t.broadcastId}` : (t.chainId ?? null),
    pseudonym: t.pseudonym ?? null,
  };
}

/** The audit subject naming a hold and what it keeps. */
export function holdSubject(holdId: string, h: HeldTarget): Record<string, unknown> {
  return { holdId, ...(h.chainId ? { chainId: h.chainId } : {}), ...(h.pseudonym ? { pseudonym: h.pseudonym } : {}) };
}

export type HoldKind =
  | { kind: 'all' }
  | { kind: 'jurisdiction'; jurisdictionPath: string; jurisdictionCode: string | null }
  | { kind: 'chain'; chainId: string }
  | { kind: 'citizen'; pseudonym: string };

/** How a stored hold reads to an officer: the first thing it names decides. */
export function holdKindOf(h: HeldTarget, jurisdictionCode: string | null): HoldKind {
  if (h.jurisdictionPath) return { kind: 'jurisdiction', jurisdictionPath: h.jurisdictionPath, jurisdictionCode };
  if (h.chainId) return { kind: 'chain', chainId: h.chainId };
  if (h.pseudonym) return { kind: 'citizen', pseudonym: h.pseudonym };
  return { kind: 'all' };
}
