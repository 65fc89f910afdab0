import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** A closed rumour's rebuttal is no longer sent; the rumour stays listed. */
export class CloseRumourCommand extends Command<{ id: string; status: 'closed' }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly id: string,
  ) {
    super();
  }
}
