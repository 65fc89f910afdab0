import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { ForbiddenError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { GroupView, ListGroupsQuery } from './list-groups.query';

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionLookup,
  ) {}

  async execute({ scopePath, filter }: ListGroupsQuery): Promise<GroupView[]> {
    let path = scopePath;
    if (filter.jurisdictionCode) {
      const node = await this.jurisdictions.byCode(this.dataSource.manager, filter.jurisdictionCode);
      // A node above the officer's own narrows nothing; a node beside it is someone else's.
      if (scopePath === null || node.path.startsWith(scopePath)) path = node.path;
      else if (!scopePath.startsWith(node.path)) {
        const code = filter.jurisdictionCode;
        throw new ForbiddenError(`jurisdiction ${code} is outside your jurisdiction / ${code} आपके क्षेत्राधिकार से बाहर है`);
      }
    }
    // The page of groups first, then counts for that page only: the cost follows the page, not the state.
    return this.dataSource.query<GroupView[]>(
      `WITH page AS (
         SELECT g.id, g.name, g.language, g.join_code, g.status, g.created_at, g.closed_at,
                n.code, n.name_en, n.name_hi
           FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
          WHERE ($1::text IS NULL OR n.path LIKE $1 || '%') AND ($2::text IS NULL OR g.status = $2)
          ORDER BY g.created_at, g.id
          LIMIT $3 OFFSET $4),
       counted AS (
         SELECT ms.group_id, coalesce(cp.channel, 'unreachable') AS channel, c.language, count(*)::int AS n
           FROM page p
           JOIN membership ms ON ms.group_id = p.id AND ms.status = 'active'
           JOIN citizen c ON c.id = ms.citizen_id AND c.opted_out_at IS NULL
           LEFT JOIN LATERAL (SELECT channel FROM contact_point
                               WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                               ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
          GROUP BY 1, 2, 3)
       SELECT p.id, p.name, p.language, p.join_code AS "joinCode", p.status,
              p.code AS "jurisdictionCode", p.name_en AS "jurisdictionNameEn", p.name_hi AS "jurisdictionNameHi",
              p.created_at AS "createdAt", p.closed_at AS "closedAt",
              coalesce((SELECT sum(n)::int FROM counted WHERE group_id = p.id), 0) AS members,
              coalesce((SELECT jsonb_object_agg(channel, n) FROM (SELECT channel, sum(n)::int AS n FROM counted
                          WHERE group_id = p.id GROUP BY channel) x), '{}') AS "membersByChannel",
              coalesce((SELECT jsonb_object_agg(language, n) FROM (SELECT language, sum(n)::int AS n FROM counted
                          WHERE group_id = p.id GROUP BY language) x), '{}') AS "membersByLanguage"
         FROM page p
        ORDER BY p.created_at, p.id`,
      [path, filter.status ?? null, filter.limit ?? 1000, filter.offset ?? 0],
    );
  }
}
