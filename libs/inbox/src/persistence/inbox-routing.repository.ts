import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DistrictNode, InboxNode, MemberGroupNode } from '../domain/inbox-routing';

/**
 * What routing reads from the jurisdiction tree and a citizen's memberships. Read only: those tables belong to the
 * jurisdiction and membership contexts.
 */
@Injectable()
export class InboxRoutingRepository {
  /** The nodes of the citizen's active groups, with when the citizen joined each. */
  async activeGroupNodes(m: EntityManager, citizenId: string): Promise<MemberGroupNode[]> {
    return m.query<MemberGroupNode[]>(
      `SELECT n.id, n.path, n.level, ms.joined_at AS "joinedAt"
         FROM membership ms
         JOIN citizen_group g ON g.id = ms.group_id
         JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE ms.citizen_id = $1 AND ms.status = 'active'`,
      [citizenId],
    );
  }

  /** The node of this path and every node above it. */
  async nodeAndAncestors(m: EntityManager, path: string): Promise<InboxNode[]> {
    return m.query<InboxNode[]>(
      `SELECT id, path, level FROM jurisdiction_node WHERE $1 LIKE path || '%' ORDER BY length(path) DESC`,
      [path],
    );
  }

  async districts(m: EntityManager): Promise<DistrictNode[]> {
    return m.query<DistrictNode[]>(
      `SELECT id, path, level, name_en AS "nameEn", name_hi AS "nameHi"
         FROM jurisdiction_node WHERE level = 'district' ORDER BY code`,
    );
  }

  /** The top of the tree (the state). */
  async root(m: EntityManager): Promise<InboxNode | undefined> {
    const [root] = await m.query<InboxNode[]>(
      `SELECT id, path, level FROM jurisdiction_node WHERE parent_id IS NULL ORDER BY created_at, code LIMIT 1`,
    );
    return root;
  }
}
