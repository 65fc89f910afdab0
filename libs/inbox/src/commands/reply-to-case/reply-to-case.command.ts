import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** An officer's answer to the citizen, sent on the channel they wrote from; the officer never learns the address. */
export class ReplyToCaseCommand extends Command<{ id: string; queued: true }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly text: string,
  ) {
    super();
  }
}
