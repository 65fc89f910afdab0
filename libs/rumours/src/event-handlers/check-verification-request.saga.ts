import { CommandBus, EventsHandler } from '@nestjs/cqrs';
import { VerificationRequested } from '@jansetu/membership';
import { DataKeys, DomainEventSaga, ShreddedError } from '@jansetu/platform';
import { CheckMessageCommand } from '../commands/check-message/check-message.command';

/** VERIFY / सत्यापन from a citizen: membership says so, rumours answers. */
@EventsHandler(VerificationRequested)
export class CheckVerificationRequestSaga implements DomainEventSaga<VerificationRequested> {
  readonly kind = 'saga';

  constructor(
    private readonly commands: CommandBus,
    private readonly keys: DataKeys,
  ) {}

  async handle(event: VerificationRequested): Promise<void> {
    const { inbound, sender } = event;
    let text: string;
    let address: string;
    try {
      text = await this.keys.open(inbound.textSealed);
      address = await this.keys.open(inbound.fromSealed);
    } catch (error) {
      if (error instanceof ShreddedError) return; // erased before we got to it: nothing to answer
      throw error;
    }
    await this.commands.execute(
      new CheckMessageCommand(event.messageId, {
        text,
        textSealed: inbound.textSealed,
        replyTo: sender
          ? { contactPointId: sender.contactPointId, pseudonym: sender.pseudonym }
          : { channel: inbound.channel, toSealed: inbound.fromSealed, pseudonym: null },
        replyKey: sender?.citizenId ?? inbound.providerMessageId,
        senderRef: sender ? `citizen:${sender.citizenId}` : `${inbound.channel}:${address}`,
        jurisdictionPath: event.jurisdictionPath,
        label: null,
        receivedAt: inbound.receivedAt,
      }),
    );
  }
}
