import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface RevealDecided {
  id: string;
  status: 'approved' | 'refused';
  /** Approved: the requester may view the identity until then. */
  viewUntil: string | null;
}

/**
 * The second half of a reveal: an officer above the requester (SP or HQ, never the requester) approves or refuses
 * before the deadline. Approving an anonymous case needs the HQ reveal private key, handed in for this one act and
 * never stored. Audited as inbox.reveal_approved / inbox.reveal_refused (or inbox.reveal_expired when too late).
 */
export class DecideRevealCommand extends Command<RevealDecided> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly requestId: string,
    readonly decision: 'approve' | 'refuse',
    readonly note: string | null = null,
    readonly revealPrivateKey: string | null = null,
  ) {
    super();
  }
}
