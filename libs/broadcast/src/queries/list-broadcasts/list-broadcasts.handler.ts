import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import {
  BroadcastListPage,
  BroadcastQueuePage,
  ListBroadcastQueueQuery,
  ListBroadcastsQuery,
} from './list-broadcasts.query';

const page = (limit: number, offset: number) => ({
  limit: Math.min(Math.max(1, Math.trunc(limit)), 200),
  offset: Math.min(Math.max(0, Math.trunc(offset)), 1_000_000),
});

@QueryHandler(ListBroadcastQueueQuery)
export class ListBroadcastQueueHandler implements IQueryHandler<ListBroadcastQueueQuery> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute(q: ListBroadcastQueueQuery): Promise<BroadcastQueuePage> {
    const { limit, offset } = page(q.limit, q.offset);
    return { items: await this.broadcasts.queueFor(q.officer, q.queue, limit, offset), limit, offset };
  }
}

@QueryHandler(ListBroadcastsQuery)
export class ListBroadcastsHandler implements IQueryHandler<ListBroadcastsQuery> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute(q: ListBroadcastsQuery): Promise<BroadcastListPage> {
    const { limit, offset } = page(q.limit, q.offset);
    const f = q.filters;
    const items = await this.broadcasts.listFor(q.officer, {
      statuses: f.statuses ?? [],
      category: f.category ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
      authorId: f.mine ? q.officer.id : null,
      limit,
      offset,
    });
    return { items, limit, offset };
  }
}
