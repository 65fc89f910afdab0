import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CountCasesQuery, InboxCounts } from './count-cases.query';

@QueryHandler(CountCasesQuery)
export class CountCasesHandler implements IQueryHandler<CountCasesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ officer }: CountCasesQuery): Promise<InboxCounts[]> {
    return this.dataSource.query<InboxCounts[]>(
      `WITH scoped AS (SELECT * FROM inbox_case WHERE jurisdiction_path LIKE $1 || '%'),
            labels AS (SELECT node_id, jsonb_object_agg(label, n) AS by_label
                         FROM (SELECT node_id, label, count(*)::int AS n FROM scoped GROUP BY node_id, label) l
                        GROUP BY node_id)
       SELECT n.code AS "inboxCode", n.name_en AS "inboxNameEn", n.name_hi AS "inboxNameHi", n.level,
              count(*) FILTER (WHERE s.queue = 'main' AND s.status = 'new')::int AS new,
              count(*) FILTER (WHERE s.queue = 'main' AND s.status = 'acknowledged')::int AS acknowledged,
              count(*) FILTER (WHERE s.queue = 'main' AND s.status = 'in_progress')::int AS "inProgress",
              count(*) FILTER (WHERE s.queue = 'main' AND s.status = 'closed')::int AS closed,
              count(*) FILTER (WHERE s.queue = 'main' AND s.urgent AND s.status <> 'closed')::int AS "urgentOpen",
              count(*) FILTER (WHERE s.queue = 'filtered')::int AS filtered,
              min(l.by_label::text)::jsonb AS "byLabel"
         FROM scoped s JOIN jurisdiction_node n ON n.id = s.node_id JOIN labels l ON l.node_id = s.node_id
        GROUP BY n.id, n.code, n.name_en, n.name_hi, n.level
        ORDER BY n.path`,
      [officer.jurisdictionPath ?? ''],
    );
  }
}
