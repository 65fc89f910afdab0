import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface GroupCreated {
  id: string;
  joinCode: string;
}

export class CreateGroupCommand extends Command<GroupCreated> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly jurisdictionCode: string,
    readonly name: string,
    readonly language: 'hi' | 'en',
  ) {
    super();
  }
}
