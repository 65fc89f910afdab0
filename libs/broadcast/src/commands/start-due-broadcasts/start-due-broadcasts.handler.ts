import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { nextStatus } from '../../domain/broadcast-lifecycle';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { StartDueBroadcastsCommand } from './start-due-broadcasts.command';

/** Broadcasts started per run; the rest start on the next run, a few seconds later. */
const START_LIMIT = 20;

@CommandHandler(StartDueBroadcastsCommand)
export class StartDueBroadcastsHandler implements ICommandHandler<StartDueBroadcastsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly queue: DispatchQueue,
  ) {}

  async execute(): Promise<{ started: number }> {
    return this.dataSource.transaction(async (m) => {
      const due = await this.broadcasts.startDue(m, 'scheduled', nextStatus('scheduled', 'start'), START_LIMIT);
      for (const b of due) await this.queue.enqueueAll(m, b.id, b.buckets);
      return { started: due.length };
    });
  }
}
