import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CASE_COLUMNS, CaseView } from '../../domain/case-view';
import { ListCasesQuery } from './list-cases.query';

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ officer, filter }: ListCasesQuery): Promise<CaseView[]> {
    return this.dataSource.query<CaseView[]>(
      `SELECT ${CASE_COLUMNS}
         FROM inbox_case c JOIN jurisdiction_node n ON n.id = c.node_id
        WHERE c.jurisdiction_path LIKE $1 || '%' AND c.queue = $2
          AND ($3::text IS NULL OR c.status = $3) AND ($4::text IS NULL OR c.label = $4)
          AND ($5::text IS NULL OR n.code = $5)
        ORDER BY (c.urgent AND c.status <> 'closed') DESC, c.created_at DESC, c.case_number DESC
        LIMIT $6 OFFSET $7`,
      [
        officer.jurisdictionPath ?? '',
        filter.queue ?? 'main',
        filter.status ?? null,
        filter.label ?? null,
        filter.inboxCode ?? null,
        filter.limit ?? 50,
        filter.offset ?? 0,
      ],
    );
  }
}
