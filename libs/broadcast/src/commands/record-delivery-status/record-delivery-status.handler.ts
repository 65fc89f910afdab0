import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { applyReceipt, parkReceipt } from '../../domain/delivery-receipts';
import { RecordDeliveryStatusCommand } from './record-delivery-status.command';

/** Applies a provider's receipt to its delivery, or parks it until the send is recorded. */
@CommandHandler(RecordDeliveryStatusCommand)
export class RecordDeliveryStatusHandler implements ICommandHandler<RecordDeliveryStatusCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(cmd: RecordDeliveryStatusCommand): Promise<{ updated: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const receipt = {
        providerRef: cmd.providerMessageId,
        state: cmd.state,
        failure: cmd.failure,
        errorCode: cmd.errorCode,
      };
      const { matched, updated } = await applyReceipt(m, receipt);
      if (!matched) await parkReceipt(m, receipt);
      return { updated };
    });
  }
}
