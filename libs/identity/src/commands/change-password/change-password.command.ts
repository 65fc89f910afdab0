import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';
import { SessionTokensIssued } from '../../sessions/session-tokens';

/** The officer changes their own password; every other session ends and this device gets a fresh one. */
export class ChangePasswordCommand extends Command<SessionTokensIssued> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly currentPassword: string,
    readonly newPassword: string,
  ) {
    super();
  }
}
