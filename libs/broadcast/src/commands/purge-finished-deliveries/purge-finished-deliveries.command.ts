import { Command } from '@nestjs/cqrs';

/**
 * The per-citizen delivery rows of broadcasts finished (completed or cancelled) more than `days` ago are deleted in
 * batches; the broadcast keeps its outcome by status and channel first, so its summary reads the same afterwards.
 * The audit log keeps what was sent and to whom (by pseudonym). Replies' send records older than `days` go too.
 */
export class PurgeFinishedDeliveriesCommand extends Command<{
  broadcasts: number;
  deliveries: number;
  replies: number;
}> {
  constructor(
    readonly days: number,
    readonly batchSize = 5000,
    readonly maxBatches = 200,
  ) {
    super();
  }
}
