import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataKeys } from '../crypto/data-keys';
import { PurgeCounts, PurgeTransportCommand } from './purge-transport.command';
import { TransportRetentionRepository } from './transport-retention.repository';

@CommandHandler(PurgeTransportCommand)
export class PurgeTransportHandler implements ICommandHandler<PurgeTransportCommand> {
  constructor(
    private readonly tables: TransportRetentionRepository,
    private readonly keys: DataKeys,
  ) {}

  async execute({ retention: r }: PurgeTransportCommand): Promise<PurgeCounts> {
    const batches = (purge: () => Promise<number>) => this.tables.repeat(purge, r.batchSize, r.maxBatches);
    return {
      outbox_message: await batches(() => this.tables.purgePublishedOutbox(r.outboxDays, r.batchSize)),
      bus_message: await batches(() => this.tables.purgeConsumedBus(r.busDays, r.batchSize)),
      processed_message: await batches(() => this.tables.purgeProcessed(r.processedDays, r.batchSize)),
      inbound_receipt: await batches(() => this.tables.purgeInboundReceipts(r.inboundReceiptDays, r.batchSize)),
      citizen_key: await batches(() => this.keys.destroyExpired(this.tables.manager, r.batchSize)),
    };
  }
}
