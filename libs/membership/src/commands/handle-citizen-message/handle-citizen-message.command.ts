import { Command } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { CitizenCommand } from '../../domain/citizen-command';
import { ContactRef } from '../../persistence/citizen.repository';

export interface CitizenMessageHandled {
  handled: CitizenCommand['kind'] | 'duplicate';
  /**
   * For a message that is no command ('message'): who sent it, or null for someone JanSetu keeps nothing about.
   * The inbox files it on CitizenMessageReceived, deduped on the same message id; membership stores none of it.
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
