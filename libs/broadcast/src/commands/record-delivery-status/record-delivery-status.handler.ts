import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecipientOptedOut } from '@jansetu/channels';
import { DomainEvents } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { Receipt } from '../../domain/delivery-receipts';
import { ReceiptRepository } from '../../persistence/receipt.repository';
import { RecordDeliveryStatusCommand } from './record-delivery-status.command';

/** Applies a provider's receipt to its delivery, or parks it until the send is recorded; opt-outs become events. */
@CommandHandler(RecordDeliveryStatusCommand)
export class RecordDeliveryStatusHandler implements ICommandHandler<RecordDeliveryStatusCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptRepository,
    private readonly events: DomainEvents,
  ) {}

  async execute(cmd: RecordDeliveryStatusCommand): Promise<{ updated: boolean }> {
    const receipt: Receipt = {
      channel: cmd.channel,
      providerRef: cmd.providerMessageId,
      state: cmd.state,
      failure: cmd.failure,
      errorCode: cmd.errorCode,
    };
    return this.dataSource.transaction(async (m) => {
      const { matched, updated, optedOut } = await this.receipts.apply(m, receipt);
      if (!matched) await this.receipts.park(m, receipt);
      // Membership closes the contact point for good (it owns it).
      if (optedOut) await this.events.publish(m, new RecipientOptedOut(optedOut));
      return { updated };
    });
  }
}
