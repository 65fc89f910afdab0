import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { GroupView, ListGroupsQuery } from './list-groups.query';

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(q: ListGroupsQuery): Promise<GroupView[]> {
    const rows: (Omit<GroupView, 'members'> & { members: string })[] = await this.dataSource.query(
      `SELECT g.id, g.name, g.language, g.join_code AS "joinCode", g.status, n.code AS "jurisdictionCode",
              coalesce(sum(c.n), 0) AS members,
              coalesce(jsonb_object_agg(c.channel, c.n) FILTER (WHERE c.channel IS NOT NULL), '{}') AS "membersByChannel"
         FROM citizen_group g
         JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
         LEFT JOIN LATERAL (
           SELECT cp.channel, count(*)::int AS n
             FROM membership m JOIN contact_point cp ON cp.citizen_id = m.citizen_id AND cp.preferred
            WHERE m.group_id = g.id AND m.status = 'active'
            GROUP BY cp.channel) c ON true
        WHERE $1::text IS NULL OR n.path LIKE $1 || '%'
        GROUP BY g.id, n.code
        ORDER BY g.created_at
        LIMIT 1000`,
      [q.scopePath],
    );
    return rows.map((r) => ({ ...r, members: Number(r.members) }));
  }
}
