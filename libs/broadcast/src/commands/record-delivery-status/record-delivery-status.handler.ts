import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Receipt } from '../../domain/delivery-receipts';
import { ReceiptRepository } from '../../persistence/receipt.repository';
import { RecordDeliveryStatusCommand } from './record-delivery-status.command';

/** Applies a provider's receipt to its delivery, or parks it until the send is recorded. */
@CommandHandler(RecordDeliveryStatusCommand)
export class RecordDeliveryStatusHandler implements ICommandHandler<RecordDeliveryStatusCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptRepository,
  ) {}

  async execute(cmd: RecordDeliveryStatusCommand): Promise<{ updated: boolean }> {
    const receipt: Receipt = {
      providerRef: cmd.providerMessageId,
      state: cmd.state,
      failure: cmd.failure,
      errorCode: cmd.errorCode,
    };
    return this.dataSource.transaction(async (m) => {
      const { matched, updated } = await this.receipts.apply(m, receipt);
      if (!matched) await this.receipts.park(m, receipt);
      return { updated };
    });
  }
}
