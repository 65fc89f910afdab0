import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GroupCreated } from '../commands/create-group/create-group.command';
import { GroupRef } from '../domain/group-ref';
import { GroupView } from '../queries/list-groups/list-groups.query';

export interface NewGroup {
  jurisdictionNodeId: string;
  name: string;
  language: 'hi' | 'en';
  joinCode: string;
  createdBy: string;
}

export interface GroupPage {
  /** Only groups on nodes whose path starts with this; null for the whole state. */
  path: string | null;
  status: 'open' | 'closed' | null;
  limit: number;
  offset: number;
}

type GroupRow = Omit<GroupRef, 'jurisdiction'> & { code: string; level: string; nameEn: string; nameHi: string };

const GROUP_WITH_NODE = `
  SELECT g.id, g.name, g.language, g.join_code AS "joinCode", g.status, n.path,
         n.code, n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi"
    FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
   WHERE g.id = $1`;

function toGroupRef(rows: GroupRow[]): GroupRef | null {
  if (!rows.length) return null;
  const { code, level, nameEn, nameHi, ...group } = rows[0];
  return { ...group, jurisdiction: { code, level, nameEn, nameHi } };
}

/** The citizen_group table: groups, their join codes and their open/closed state. */
@Injectable()
export class GroupRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The group with the jurisdiction node it hangs on; null when there is none. */
  async find(groupId: string): Promise<GroupRef | null> {
    return toGroupRef(await this.dataSource.query<GroupRow[]>(GROUP_WITH_NODE, [groupId]));
  }

  /** Same as `find`, holding the group's row lock until the caller's transaction ends. */
  async findForUpdate(m: EntityManager, groupId: string): Promise<GroupRef | null> {
    return toGroupRef(await m.query<GroupRow[]>(`${GROUP_WITH_NODE} FOR UPDATE OF g`, [groupId]));
  }

  /** Inserts a group; null when its join code is taken already (the unique index decides). */
  async insertUnlessCodeTaken(m: EntityManager, group: NewGroup): Promise<GroupCreated | null> {
    const rows = await m.query<GroupCreated[]>(
      `INSERT INTO citizen_group (jurisdiction_node_id, name, language, join_code, created_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (join_code) DO NOTHING
       RETURNING id, join_code AS "joinCode"`,
      [group.jurisdictionNodeId, group.name, group.language, group.joinCode, group.createdBy],
    );
    return rows[0] ?? null;
  }

  async rename(m: EntityManager, groupId: string, name: string): Promise<void> {
    await m.query(`UPDATE citizen_group SET name = $2, updated_at = now() WHERE id = $1`, [groupId, name]);
  }

  async close(m: EntityManager, groupId: string, closedBy: string): Promise<void> {
    await m.query(
      `UPDATE citizen_group SET status = 'closed', closed_at = now(), closed_by = $2, updated_at = now() WHERE id = $1`,
      [groupId, closedBy],
    );
  }

  /** When the group was closed (its last change, for a group closed before closed_at was kept). */
  async closedAt(m: EntityManager, groupId: string): Promise<Date> {
    const [{ closedAt }] = await m.query<{ closedAt: Date }[]>(
      `SELECT coalesce(closed_at, updated_at) AS "closedAt" FROM citizen_group WHERE id = $1`,
      [groupId],
    );
    return new Date(closedAt);
  }

  /**
   * A page of groups with their active members counted by channel and language. The page of groups first, then
   * counts for that page only: the cost follows the page, not the state.
   */
  async listWithMemberCounts(page: GroupPage): Promise<GroupView[]> {
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
      [page.path, page.status, page.limit, page.offset],
    );
  }
}
