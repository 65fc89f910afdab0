import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BlindIndex, Outbox, Topics } from '@jansetu/platform';
import { providerMessageRef } from '../provider-message-ref';
import { DataSource } from 'typeorm';
import { ReceiveStatusReceiptCommand } from './receive-status-receipt.command';

export interface StatusMessage {
  route: string;
  /** The keyed hash of the provider's id, as deliveries store it. */
  providerMessageId: string;
  state: string;
  failure?: string;
  errorCode?: string;
}

@CommandHandler(ReceiveStatusReceiptCommand)
export class ReceiveStatusReceiptHandler implements ICommandHandler<ReceiveStatusReceiptCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly blindIndex: BlindIndex,
  ) {}

  async execute({ route, receipt }: ReceiveStatusReceiptCommand): Promise<void> {
    const ref = providerMessageRef(this.blindIndex, receipt.providerMessageId);
    const payload: StatusMessage = { route, ...receipt, providerMessageId: ref };
    // Keyed by the message: all receipts of one message stay in order on one partition.
    await this.dataSource.transaction((m) =>
      this.outbox.add(m, { topic: Topics.status, key: ref, type: 'status.received', payload }),
    );
  }
}
