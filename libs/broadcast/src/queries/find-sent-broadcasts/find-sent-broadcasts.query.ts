import { Query } from '@nestjs/cqrs';
import type { VerifiableBroadcast } from '../../persistence/broadcast.repository';

/** How far back a forwarded text is compared with sent broadcasts. */
export const VERIFY_WINDOW_DAYS = 365;

/**
 * Broadcasts that reached citizens, for verification (the rumours context asks): the one with this code, or all
 * sent in the last VERIFY_WINDOW_DAYS with their signatures. Not officer-scoped: it answers citizens' questions.
 */
export class FindSentBroadcastsQuery extends Query<VerifiableBroadcast[]> {
  constructor(readonly code: string | null) {
    super();
  }
}
