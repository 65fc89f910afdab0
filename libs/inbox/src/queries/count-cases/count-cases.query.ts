import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** One inbox (a station, or a district/state inbox for non-members) and what it holds. */
export interface InboxCounts {
  inboxCode: string;
  inboxNameEn: string;
  inboxNameHi: string;
  level: string;
  /** Main queue by status. */
  new: number;
  acknowledged: number;
  inProgress: number;
  closed: number;
  urgentOpen: number;
  /** Kept out of the main queue (greetings, slogans, adverts, abuse, muted or rate-limited senders). */
  filtered: number;
  byLabel: Record<string, number>;
  /** Median seconds from receipt to the first acknowledgement, over the last 30 days' acknowledged cases. */
  medianAckSeconds: number | null;
  acknowledgedLast30Days: number;
}

export class CountCasesQuery extends Query<InboxCounts[]> {
  constructor(readonly officer: OfficerPrincipal) {
    super();
  }
}
