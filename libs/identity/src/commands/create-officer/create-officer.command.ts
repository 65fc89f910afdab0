import { Command } from '@nestjs/cqrs';
import { Role } from '../../domain/role';

export class CreateOfficerCommand extends Command<{ id: string }> {
  constructor(
    readonly username: string,
    readonly password: string,
    readonly role: Role,
    /** Jurisdiction code (e.g. "PAT" for Patna); omitted only for state-wide HQ admins and auditors. */
    readonly jurisdictionCode: string | null,
    readonly displayName: string,
  ) {
    super();
  }
}
