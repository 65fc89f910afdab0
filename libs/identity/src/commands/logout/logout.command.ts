import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';

/** Ends the caller's session family: its refresh tokens and, on the next request, its access tokens. */
export class LogoutCommand extends Command<void> {
  constructor(readonly officer: OfficerPrincipal) {
    super();
  }
}
