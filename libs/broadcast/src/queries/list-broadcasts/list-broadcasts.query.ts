import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { BroadcastStatus, Category } from '../../domain/broadcast';
import type { BroadcastListRow, BroadcastQueueRow } from '../../persistence/broadcast.repository';

export interface BroadcastQueuePage {
  items: BroadcastQueueRow[];
  limit: number;
  offset: number;
}

/**
 * The queue an officer works: broadcasts awaiting their approval (`pending_approval`) or emergencies awaiting their
 * review (`review`), scoped to what the officer may decide (strictly above the scope, never their own), paged.
 */
export class ListBroadcastQueueQuery extends Query<BroadcastQueuePage> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly queue: 'pending_approval' | 'review',
    readonly limit = 50,
    readonly offset = 0,
  ) {
    super();
  }
}

export interface BroadcastListPage {
  items: BroadcastListRow[];
  limit: number;
  offset: number;
}

export interface BroadcastListFilters {
  /** Any of these lifecycle states; empty: every state. */
  statuses?: BroadcastStatus[];
  category?: Category | null;
  /** Created at or after / before (exclusive). */
  from?: Date | null;
  to?: Date | null;
  /** Only the caller's own broadcasts. */
  mine?: boolean;
}

/** The broadcasts an officer may see, filtered and paged, newest first, with deliveries counted by state. */
export class ListBroadcastsQuery extends Query<BroadcastListPage> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly filters: BroadcastListFilters,
    readonly limit = 50,
    readonly offset = 0,
  ) {
    super();
  }
}
