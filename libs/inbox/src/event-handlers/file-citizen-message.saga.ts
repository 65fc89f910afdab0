import { CommandBus, EventsHandler } from '@nestjs/cqrs';
import { CitizenMessageReceived } from '@jansetu/membership';
import { DataKeys, DomainEventSaga, ShreddedError } from '@jansetu/platform';
import { FetchCaseMediaCommand } from '../commands/fetch-case-media/fetch-case-media.command';
import { FileCitizenMessageCommand } from '../commands/file-citizen-message/file-citizen-message.command';

/** A citizen's message that is no membership keyword becomes a case: membership says so, the inbox files it. */
@EventsHandler(CitizenMessageReceived)
export class FileCitizenMessageSaga implements DomainEventSaga<CitizenMessageReceived> {
  readonly kind = 'saga';

  constructor(
    private readonly commands: CommandBus,
    private readonly keys: DataKeys,
  ) {}

  async handle(event: CitizenMessageReceived): Promise<void> {
    const { textSealed, ...inbound } = event.inbound;
    let text: string;
    try {
      text = await this.keys.open(textSealed);
    } catch (error) {
      // The sender erased themselves before the inbox got to it: there is nothing left to file, by design.
      if (error instanceof ShreddedError) return;
      throw error;
    }
    await this.commands.execute(new FileCitizenMessageCommand(event.messageId, { ...inbound, text }));
    // Attachments after the case exists (a redelivery fetches only what is still pending).
    if (inbound.mediaSealed) await this.commands.execute(new FetchCaseMediaCommand(event.messageId));
  }
}
