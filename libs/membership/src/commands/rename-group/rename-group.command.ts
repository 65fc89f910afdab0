import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface GroupRenamed {
  id: string;
  name: string;
}

/** A new name for a group in the officer's jurisdiction; its join code and members stay. */
export class RenameGroupCommand extends Command<GroupRenamed> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupId: string,
    readonly name: string,
  ) {
    super();
  }
}
