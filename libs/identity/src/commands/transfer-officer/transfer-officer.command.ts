import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';
import { Role } from '../../domain/role';

export interface OfficerPosting {
  role: Role;
  jurisdictionCode: string | null;
}

/** A new role and/or posting; the officer's sessions end (they sign in again into the new posting). */
export class TransferOfficerCommand extends Command<OfficerPosting & { id: string }> {
  constructor(
    readonly actor: OfficerPrincipal,
    readonly officerId: string,
    /** Absent: keeps the role. */
    readonly role: Role | undefined,
    /** Absent (undefined): keeps the posting; null: state-wide. */
    readonly jurisdictionCode: string | null | undefined,
    readonly reason: string,
  ) {
    super();
  }
}
