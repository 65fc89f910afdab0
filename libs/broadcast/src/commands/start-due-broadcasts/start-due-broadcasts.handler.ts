import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { nextStatus } from '../../domain/broadcast-lifecycle';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { StartDueBroadcastsCommand } from './start-due-broadcasts.command';

/** Broadcasts started per run; the rest start on the next run, a few seconds later. */
const START_LIMIT = 20;
/** Parked buckets queued again per run. */
const WAKE_LIMIT = 200;

@CommandHandler(StartDueBroadcastsCommand)
export class StartDueBroadcastsHandler implements ICommandHandler<StartDueBroadcastsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly queue: DispatchQueue,
  ) {}

  async execute(): Promise<{ started: number; woken: number }> {
    return this.dataSource.transaction(async (m) => {
      const due = await this.broadcasts.startDue(m, 'scheduled', nextStatus('scheduled', 'start'), START_LIMIT);
      for (const b of due) await this.queue.enqueueAll(m, b.id, b.buckets);
      // Buckets set aside until their next delivery was due (a receipt retry, a held WhatsApp send) go back.
      const woken = await this.deliveries.takeDueParked(m, WAKE_LIMIT);
      for (const p of woken) await this.queue.enqueue(m, p.broadcastId, [p.bucket]);
      return { started: due.length, woken: woken.length };
    });
  }
}
