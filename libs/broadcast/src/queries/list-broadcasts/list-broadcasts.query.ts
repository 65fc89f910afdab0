import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { BroadcastQueueRow } from '../../persistence/broadcast.repository';

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
