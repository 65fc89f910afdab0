import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';

/** Disables (every session ends on its next request) or enables an officer's account. */
export class SetOfficerActiveCommand extends Command<{ id: string; active: boolean }> {
  constructor(
    readonly actor: OfficerPrincipal,
    readonly officerId: string,
    readonly active: boolean,
    /** Why (a stolen phone, a suspension, a retirement); kept in the audit log. */
    readonly reason: string,
  ) {
    super();
  }
}
