import { canonicalJson, sha256Hex } from '@jansetu/platform';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  officerId: string | null;
  role: string | null;
  /** 'officer' for a person, 'system' for automatic acts (the dispatcher sending, automatic replies). */
  kind: 'officer' | 'system';
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
  eventId: string;
  reason: string;
}

/** Walks events of one chain in sequence order; returns the first broken link, or null when the chain holds. */
export function verifyChain(events: AuditEvent[]): ChainBreak | null {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    const at = { chainId: e.chainId, chainSeq: e.chainSeq, eventId: e.id };
    if (e.chainSeq !== expectedSeq) return { ...at, reason: `expected sequence ${expectedSeq} (an event is missing)` };
    if (e.prevHash !== prevHash) return { ...at, reason: 'prev_hash does not match the previous event' };
    if (hashAuditEvent(e) !== e.hash) return { ...at, reason: 'content does not match its hash (edited)' };
    prevHash = e.hash;
    expectedSeq++;
  }
  return null;
}
