import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BlindIndex, OutboxBatcher, Topics } from '@jansetu/platform';
import { providerMessageRef } from '../provider-message-ref';
import { ReceiveStatusReceiptCommand } from './receive-status-receipt.command';

export interface StatusMessage {
  route: string;
  /** Provider ids are unique per channel only; receipts are matched on both (absent in messages queued before). */
  channel?: string;
  /** The keyed hash of the provider's id, as deliveries store it. */
  providerMessageId: string;
  state: string;
  failure?: string;
  errorCode?: string;
}

@CommandHandler(ReceiveStatusReceiptCommand)
export class ReceiveStatusReceiptHandler implements ICommandHandler<ReceiveStatusReceiptCommand> {
  constructor(
    private readonly outbox: OutboxBatcher,
    private readonly blindIndex: BlindIndex,
  ) {}

  async execute({ channel, route, receipt }: ReceiveStatusReceiptCommand): Promise<void> {
    const ref = providerMessageRef(this.blindIndex, receipt.providerMessageId);
    const payload: StatusMessage = { route, channel, ...receipt, providerMessageId: ref };
    // Keyed by the message: all receipts of one message stay in order on one partition. Coalesced with the other
    // webhooks of this turn of the event loop into one statement.
    await this.outbox.write({ topic: Topics.status, key: ref, type: 'status.received', payload });
  }
}
