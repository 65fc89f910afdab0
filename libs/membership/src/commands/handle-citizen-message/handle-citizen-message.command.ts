import { Command } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { CitizenCommand } from '../../domain/citizen-command';
import { ContactRef } from '../../domain/contact-directory';

export interface CitizenMessageHandled {
  handled: CitizenCommand['kind'] | 'duplicate';
  /**
   * For a message that is no command ('message'): who sent it, or null for someone JanSetu keeps nothing about.
   * The inbox takes it from here with the same message id; nothing of it is stored by membership.
   */
  sender?: ContactRef | null;
}

/** One message from jansetu.inbound.v1; `messageId` is the bus message id the handler dedupes on. */
export class HandleCitizenMessageCommand extends Command<CitizenMessageHandled> {
  constructor(
    readonly messageId: string,
    readonly inbound: InboundMessage,
  ) {
    super();
  }
}
