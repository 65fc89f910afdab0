import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';

/**
 * An admin clears an officer's second factor (phone and recovery codes lost): their sessions end, and a role that
 * requires one enrols again at the next sign-in.
 */
export class ResetSecondFactorCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: OfficerPrincipal,
    readonly officerId: string,
    readonly reason: string,
  ) {
    super();
  }
}
