import { CommandBus, EventsHandler } from '@nestjs/cqrs';
import { CaseFiled } from '@jansetu/inbox';
import { DataKeys, DomainEventSaga, ShreddedError } from '@jansetu/platform';
import { CheckMessageCommand } from '../commands/check-message/check-message.command';

/** Every filed case is looked at: a forwarded text is answered and counted, a rumour report counted. */
@EventsHandler(CaseFiled)
export class CheckFiledCaseSaga implements DomainEventSaga<CaseFiled> {
  readonly kind = 'saga';

  constructor(
    private readonly commands: CommandBus,
    private readonly keys: DataKeys,
  ) {}

  async handle(event: CaseFiled): Promise<void> {
    let text: string;
    let address: string | null = null;
    try {
      text = await this.keys.open(event.textSealed);
      if ('toSealed' in event.replyTo && !event.anonymous) address = await this.keys.open(event.replyTo.toSealed);
    } catch (error) {
      if (error instanceof ShreddedError) return;
      throw error;
    }
    await this.commands.execute(
      new CheckMessageCommand(event.messageId, {
        text,
        textSealed: event.textSealed,
        replyTo: { ...event.replyTo, pseudonym: null },
        replyKey: event.citizenId ?? event.caseId,
        // Anonymous cases are counted once each: nothing may tie them to the sender's other messages.
        senderRef: event.anonymous
          ? null
          : event.citizenId
            ? `citizen:${event.citizenId}`
            : `${event.channel}:${address}`,
        jurisdictionPath: event.jurisdictionPath,
        label: event.label,
        receivedAt: event.receivedAt,
      }),
    );
  }
}
