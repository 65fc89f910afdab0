import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';
import { SessionTokensIssued } from '../../sessions/session-tokens';

export interface TotpConfirmed {
  /** Shown once: each signs in once instead of a code (a lost phone). Only their hashes are kept. */
  recoveryCodes: string[];
  /** When confirmed with an enrolment token: the session of the sign-in it completes. */
  session?: SessionTokensIssued;
}

/** Confirms enrolment with a first code from the app: from now on every login needs a code. */
export class ConfirmTotpCommand extends Command<TotpConfirmed> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly code: string,
  ) {
    super();
  }
}
