import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { coversNode } from '@jansetu/identity';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastView, GetBroadcastQuery } from './get-broadcast.query';

@QueryHandler(GetBroadcastQuery)
export class GetBroadcastHandler implements IQueryHandler<GetBroadcastQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(q: GetBroadcastQuery): Promise<BroadcastView> {
    const [b] = await this.dataSource.query<(BroadcastView & { path: string | null })[]>(
      `SELECT b.id, b.category, b.status, b.recipient_count AS recipients, b.created_at AS "createdAt", b.jurisdiction_path AS path,
              coalesce((SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY status) s), '{}') AS "byStatus",
              coalesce((SELECT jsonb_object_agg(channel, n) FROM (SELECT channel, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY channel) s), '{}') AS "byChannel"
         FROM broadcast b WHERE b.id = $1`,
      [q.id],
    );
    // Outside the officer's jurisdiction reads as absent: no hint that it exists.
    if (
      !b ||
      (b.path !== null && !coversNode(q.officer, b.path)) ||
      (b.path === null && q.officer.jurisdictionPath !== null)
    ) {
      throw new NotFoundError(`broadcast ${q.id}`);
    }
    return {
      id: b.id,
      category: b.category,
      status: b.status,
      recipients: b.recipients,
      createdAt: b.createdAt,
      byStatus: b.byStatus,
      byChannel: b.byChannel,
    };
  }
}
