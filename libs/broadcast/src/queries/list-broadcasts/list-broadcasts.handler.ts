import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { BroadcastQueuePage, ListBroadcastQueueQuery } from './list-broadcasts.query';

@QueryHandler(ListBroadcastQueueQuery)
export class ListBroadcastQueueHandler implements IQueryHandler<ListBroadcastQueueQuery> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute(q: ListBroadcastQueueQuery): Promise<BroadcastQueuePage> {
    const limit = Math.min(Math.max(1, Math.trunc(q.limit)), 200);
    const offset = Math.min(Math.max(0, Math.trunc(q.offset)), 1_000_000);
    return { items: await this.broadcasts.queueFor(q.officer, q.queue, limit, offset), limit, offset };
  }
}
