import { Query } from '@nestjs/cqrs';
import { AuditActor } from '../../domain/audit-event';
import { AuditScope } from '../../domain/audit-filter';

export interface TrailStep {
  chainSeq: number;
  type: string;
  occurredAt: string;
  actor: AuditActor;
  /** The officer's words with the act (an approval note, a cancellation reason). */
  note: string | null;
}

export interface BroadcastTrail {
  broadcastId: string;
  chainId: string;
  jurisdictionPath: string | null;
  category: string | null;
  content: unknown;
  contentSha256: string | null;
  groupIds: string[];
  author: AuditActor | null;
  createdAt: string | null;
  /** The decision on a broadcast that needed approval; null when none was recorded. */
  decision: { type: string; actor: AuditActor; at: string; note: string | null } | null;
  cancelledAt: string | null;
  firstSentAt: string | null;
  lastSentAt: string | null;
  completedAt: string | null;
  audienceSize: number | null;
  /** Each recipient counted once, in the latest state the log records for them. */
  outcomes: {
    total: number;
    byStatus: Record<string, number>;
    byChannel: Record<string, Record<string, number>>;
    /** The failed recipients by kind of failure: permanent, recipient-opted-out, window-closed, retryable, ... */
    byFailure: Record<string, number>;
  };
  /** Every act on the broadcast except the per-message batches, which `outcomes` sums up. */
  steps: TrailStep[];
  messageBatches: number;
}

/** The whole story of one police message, as the audit log tells it. */
export class GetBroadcastTrailQuery extends Query<BroadcastTrail> {
  constructor(
    readonly broadcastId: string,
    readonly scopePath: AuditScope,
  ) {
    super();
  }
}
