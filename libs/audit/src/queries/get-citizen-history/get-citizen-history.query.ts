import { Query } from '@nestjs/cqrs';
import { AuditActor } from '../../domain/audit-event';
import { AuditScope } from '../../domain/audit-filter';

/** One thing the police did that concerned the citizen, with only that citizen's part of a batch. */
export interface CitizenHistoryEntry {
  eventId: string;
  chainId: string;
  chainSeq: number;
  type: string;
  occurredAt: string;
  actor: AuditActor;
  jurisdictionPath: string | null;
  subject: Record<string, unknown>;
  category: string | null;
  /** What was said: the event's own content, or for a broadcast the content it was created with. */
  content: unknown;
  contentSha256: string | null;
  channel: string | null;
  status: string | null;
  /** This citizen's outcomes in the event (a broadcast batch names many recipients; the others are left out). */
  outcomes: Record<string, unknown>[];
  hash: string;
}

export interface CitizenHistory {
  pseudonym: string;
  entries: CitizenHistoryEntry[];
  nextCursor: string | null;
}

export class GetCitizenHistoryQuery extends Query<CitizenHistory> {
  constructor(
    readonly pseudonym: string,
    readonly scopePath: AuditScope,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
