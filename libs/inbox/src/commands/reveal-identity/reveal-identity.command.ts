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

/** Reveals who sent a case: a district or HQ admin, a written reason of 10 characters or more, audited. */
export class RevealIdentityCommand extends Command<IdentityRevealed> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly reason: string,
  ) {
    super();
  }
}
