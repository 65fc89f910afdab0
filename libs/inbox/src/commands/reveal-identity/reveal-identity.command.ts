import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** What only the revealing officer receives; the act and its reason are in the audit log. */
export interface IdentityRevealed {
  caseId: string;
  caseNumber: number;
  pseudonym: string;
  channel: string;
  address: string;
}

/**
 * Views who sent a case: the district or HQ admin whose RequestRevealCommand a second officer approved, within the
 * view window; the reason is the request's. Every view is audited.
 */
export class RevealIdentityCommand extends Command<IdentityRevealed> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly reason: string,
  ) {
    super();
  }
}
