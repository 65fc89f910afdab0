import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../../domain/audit-event';
import { SearchAuditEventsQuery } from './search-audit-events.query';

@QueryHandler(SearchAuditEventsQuery)
export class SearchAuditEventsHandler implements IQueryHandler<SearchAuditEventsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ search: s }: SearchAuditEventsQuery): Promise<AuditEvent[]> {
    const rows: { event: AuditEvent }[] = await this.dataSource.query(
      `SELECT event FROM audit_event
        WHERE ($1::timestamptz IS NULL OR occurred_at >= $1)
          AND ($2::timestamptz IS NULL OR occurred_at < $2)
          AND ($3::text IS NULL OR type = $3)
          AND ($4::text IS NULL OR event->'subject' @> jsonb_build_object('broadcastId', $4::text))
          AND ($5::text IS NULL OR jurisdiction_path LIKE $5 || '%')
        ORDER BY occurred_at, chain_id, chain_seq
        LIMIT $6`,
      [s.from ?? null, s.to ?? null, s.type ?? null, s.subjectId ?? null, s.scopePath, s.limit],
    );
    return rows.map((r) => r.event);
  }
}
