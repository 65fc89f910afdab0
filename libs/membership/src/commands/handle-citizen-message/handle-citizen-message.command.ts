import { Command } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { CitizenCommand } from '../../domain/citizen-command';

/** One message from jansetu.inbound.v1; `messageId` is the bus message id the handler dedupes on. */
export class HandleCitizenMessageCommand extends Command<{ handled: CitizenCommand['kind'] | 'duplicate' }> {
  constructor(
    readonly messageId: string,
    readonly inbound: InboundMessage,
  ) {
    super();
  }
}
