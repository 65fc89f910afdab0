import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { PurgeFinishedDeliveriesCommand } from './purge-finished-deliveries.command';

@CommandHandler(PurgeFinishedDeliveriesCommand)
export class PurgeFinishedDeliveriesHandler implements ICommandHandler<PurgeFinishedDeliveriesCommand> {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute({ days, batchSize, maxBatches }: PurgeFinishedDeliveriesCommand) {
    const broadcasts = await this.deliveries.keepSummariesOfFinished(days);
    let deliveries = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.deliveries.purgeSummarised(batchSize);
      deliveries += n;
      if (n < batchSize) break;
    }
    // A reply kept for a resend that no receipt asked for within a day (Telegram sends none) is forgotten.
    await this.deliveries.forgetStaleReplyPayloads();
    let replies = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.deliveries.purgeReplySends(days, batchSize);
      replies += n;
      if (n < batchSize) break;
    }
    return { broadcasts, deliveries, replies };
  }
}
