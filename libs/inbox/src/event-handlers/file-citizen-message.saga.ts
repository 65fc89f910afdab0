import { CommandBus, EventsHandler } from '@nestjs/cqrs';
import { CitizenMessageReceived } from '@jansetu/membership';
import { DomainEventSaga, FieldCipher } from '@jansetu/platform';
import { FileCitizenMessageCommand } from '../commands/file-citizen-message/file-citizen-message.command';

/** A citizen's message that is no membership keyword becomes a case: membership says so, the inbox files it. */
@EventsHandler(CitizenMessageReceived)
export class FileCitizenMessageSaga implements DomainEventSaga<CitizenMessageReceived> {
  readonly kind = 'saga';

  constructor(
    private readonly commands: CommandBus,
    private readonly cipher: FieldCipher,
  ) {}

  async handle(event: CitizenMessageReceived): Promise<void> {
    const { textSealed, ...inbound } = event.inbound;
    const text = this.cipher.decrypt(textSealed);
    await this.commands.execute(new FileCitizenMessageCommand(event.messageId, { ...inbound, text }));
  }
}
