import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { BroadcastReviewRow } from '../../persistence/broadcast.repository';

export interface BroadcastView {
  id: string;
  category: string;
  status: string;
  /** Citizens it was resolved to (so far, while a streamed audience is still being resolved). */
  recipients: number;
  /** A streamed audience: the membership count its slices were cut from (an upper bound); null otherwise. */
  audienceEstimate: number | null;
  /** Slices of a streamed audience still to be resolved by the dispatchers. */
  audienceResolving: boolean;
  createdAt: string;
  /** Appended to the text as "सत्यापन कोड / Verify: …"; citizens send VERIFY <code> to check a message. */
  verificationCode: string | null;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  /** Deliveries that did not go out (failed, capped, cancelled), by reason: 'permanent 131026', 'daily-cap', ... */
  byReason: Record<string, number>;
  /** An emergency's mandatory review; a "not_emergency" verdict is shown here with who decided and why. */
  review?: BroadcastReviewRow;
}

export class GetBroadcastQuery extends Query<BroadcastView> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly id: string,
  ) {
    super();
  }
}
