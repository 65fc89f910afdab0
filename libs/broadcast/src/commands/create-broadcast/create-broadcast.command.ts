import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { BroadcastBody, BroadcastForms, Category } from '../../domain/broadcast';

export interface BroadcastCreated {
  id: string;
  recipients: number;
}

export class CreateBroadcastCommand extends Command<BroadcastCreated> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupIds: string[],
    readonly category: Category,
    readonly body: BroadcastBody,
    readonly forms: BroadcastForms = {},
  ) {
    super();
  }
}
