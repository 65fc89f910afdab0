import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface RevealRequested {
  id: string;
  caseId: string;
  status: 'requested';
  /** The approver must decide before this, or the request expires. */
  expiresAt: string;
}

/**
 * The first half of a reveal: a district or HQ admin asks, citing an FIR or the case number; a second officer
 * above them decides (DecideRevealCommand). Limited per requester per day; audited as inbox.reveal_requested.
 */
export class RequestRevealCommand extends Command<RevealRequested> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly reason: string,
  ) {
    super();
  }
}
