import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export class RemoveAlertContactCommand extends Command<{ removed: true }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly id: string,
  ) {
    super();
  }
}
