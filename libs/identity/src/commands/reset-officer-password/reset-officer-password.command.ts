import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';

/**
 * An admin issues a one-time password (shown once, to be handed over in person); the officer's sessions end and
 * their next login can only change it.
 */
export class ResetOfficerPasswordCommand extends Command<{ id: string; temporaryPassword: string }> {
  constructor(
    readonly actor: OfficerPrincipal,
    readonly officerId: string,
    readonly reason: string,
  ) {
    super();
  }
}
