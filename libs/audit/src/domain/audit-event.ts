// The standalone verifier (scripts/verify-audit-chain.ts) loads this file without NestJS, so the hashing rules come
// from the one dependency-free platform file rather than through the @jansetu/platform index.
// eslint-disable-next-line no-restricted-imports
import { canonicalJson, sha256Hex } from '../../../platform/src/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  officerId: string | null;
  role: string | null;
  /** 'officer' for a person, 'system' for automatic acts (the dispatcher sending, automatic replies). */
  kind: 'officer' | 'system';
  /** The acting officer's jurisdiction when the act was done (null: state-wide); absent on older events. */
  jurisdictionPath?: string | null;
}

/** One entry of the tamper-evident log, as carried on jansetu.audit.v1 and kept in the auditors' store. */
export interface AuditEvent {
  id: string;
  chainId: string;
  chainSeq: number;
  type: string;
  occurredAt: string;
  actor: AuditActor;
  /** Materialised path of the jurisdiction the act belongs to; auditors are scoped by it. */
  jurisdictionPath: string | null;
  subject: Record<string, unknown>;
  body: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The hash covers every field but itself, the predecessor's hash included: editing or dropping any event breaks the chain. */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { id, chainId, chainSeq, type, occurredAt, actor, jurisdictionPath, subject, body, prevHash } = event;
  return sha256Hex(
    canonicalJson({ id, chainId, chainSeq, type, occurredAt, actor, jurisdictionPath, subject, body, prevHash }),
  );
}

export interface ChainBreak {
  chainId: string;
  chainSeq: number;
  /** null when the event is not there to be named (the newest events of a chain are missing from the store). */
  eventId: string | null;
  reason: string;
}

/** Where verification of a chain starts: its genesis, or the last event a retention purge removed. */
export interface ChainStart {
  seq: number;
  hash: string;
}

/** The link an event must carry when it follows `prev`; the reasons name what an auditor should look at. */
export function checkLink(e: AuditEvent, prev: ChainStart, computedHash = hashAuditEvent(e)): ChainBreak | null {
  const at = { chainId: e.chainId, chainSeq: e.chainSeq, eventId: e.id };
  if (e.chainSeq !== prev.seq + 1) return { ...at, reason: `expected sequence ${prev.seq + 1} (an event is missing)` };
  if (e.prevHash !== prev.hash) return { ...at, reason: 'prev_hash does not match the previous event' };
  if (computedHash !== e.hash) return { ...at, reason: 'content does not match its hash (edited)' };
  return null;
}

/**
 * Walks events of one chain in sequence order; returns the first broken link, or null when the chain holds.
 * `start` is the chain's genesis unless a purge removed its beginning.
 */
export function verifyChain(
  events: AuditEvent[],
  start: ChainStart = { seq: 0, hash: GENESIS_HASH },
): ChainBreak | null {
  let prev = start;
  for (const e of events) {
    const broken = checkLink(e, prev);
    if (broken) return broken;
    prev = { seq: e.chainSeq, hash: e.hash };
  }
  return null;
}
