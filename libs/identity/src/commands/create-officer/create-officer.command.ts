import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';
import { Role } from '../../domain/role';

export class CreateOfficerCommand extends Command<{ id: string }> {
  constructor(
    readonly username: string,
    readonly password: string,
    readonly role: Role,
    /** Jurisdiction code (e.g. "PAT" for Patna); omitted only for state-wide HQ admins and auditors. */
    readonly jurisdictionCode: string | null,
    readonly displayName: string,
    /** Who creates the officer, for the audit log; absent for the bootstrap admin and the operator CLI (system). */
    readonly actor?: OfficerPrincipal,
  ) {
    super();
  }
}
