import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DispatchQueue } from '../../domain/dispatch-queue';
import { StartDueBroadcastsCommand } from './start-due-broadcasts.command';

@CommandHandler(StartDueBroadcastsCommand)
export class StartDueBroadcastsHandler implements ICommandHandler<StartDueBroadcastsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: DispatchQueue,
  ) {}

  async execute(): Promise<{ started: number }> {
    // SKIP LOCKED: several dispatchers may run this at once; each broadcast starts exactly once.
    return this.dataSource.transaction(async (m) => {
      const due = await m.query<{ id: string; buckets: number }[]>(
        `WITH due AS (SELECT id FROM broadcast WHERE status = 'scheduled' AND scheduled_at <= now()
                       ORDER BY priority, scheduled_at LIMIT 20 FOR UPDATE SKIP LOCKED),
              started AS (UPDATE broadcast b SET status = 'sending', status_changed_at = now() FROM due
                           WHERE b.id = due.id RETURNING b.id, b.buckets)
         SELECT * FROM started`,
      );
      for (const b of due) await this.queue.enqueueAll(m, b.id, b.buckets);
      return { started: due.length };
    });
  }
}
