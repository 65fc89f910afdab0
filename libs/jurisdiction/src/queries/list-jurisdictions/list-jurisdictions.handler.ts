import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { JurisdictionView, ListJurisdictionsQuery } from './list-jurisdictions.query';

@QueryHandler(ListJurisdictionsQuery)
export class ListJurisdictionsHandler implements IQueryHandler<ListJurisdictionsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(q: ListJurisdictionsQuery): Promise<JurisdictionView[]> {
    return this.dataSource.query(
      `SELECT n.id, n.code, p.code AS "parentCode", n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi"
         FROM jurisdiction_node n LEFT JOIN jurisdiction_node p ON p.id = n.parent_id
        WHERE ($1::text IS NULL AND n.parent_id IS NULL OR p.code = $1)
          AND ($2::text IS NULL OR n.path LIKE $2 || '%' OR $2 LIKE n.path || '%')
        ORDER BY n.name_en LIMIT 1000`,
      [q.parentCode, q.scopePath],
    );
  }
}
