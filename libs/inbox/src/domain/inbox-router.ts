import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { words } from './naive-bayes';

export interface InboxNode {
  id: string;
  path: string;
  level: string;
}

/**
 * Which inbox a message lands in. A member's: the station of their most local group (a locality's station is its
 * parent; a group on a subdivision or district routes to that node). Anyone else's: the district named in the
 * message, or the state.
 */
@Injectable()
export class InboxRouter {
  async forCitizen(m: EntityManager, citizenId: string): Promise<InboxNode | undefined> {
    const [group] = await m.query<InboxNode[]>(
      `SELECT n.id, n.path, n.level
         FROM membership ms
         JOIN citizen_group g ON g.id = ms.group_id
         JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE ms.citizen_id = $1 AND ms.status = 'active'
        ORDER BY length(n.path) DESC, ms.joined_at DESC
        LIMIT 1`,
      [citizenId],
    );
    if (!group) return undefined;
    const [station] = await m.query<InboxNode[]>(
      `SELECT id, path, level FROM jurisdiction_node
        WHERE $1 LIKE path || '%' AND level = 'station'
        ORDER BY length(path) DESC LIMIT 1`,
      [group.path],
    );
    return station ?? group;
  }

  async forStranger(m: EntityManager, text: string): Promise<InboxNode | undefined> {
    const districts = await m.query<(InboxNode & { name_en: string; name_hi: string })[]>(
      `SELECT id, path, level, name_en, name_hi FROM jurisdiction_node WHERE level = 'district' ORDER BY code`,
    );
    const said = ` ${words(text).join(' ')} `;
    const named = districts.find((d) =>
      [d.name_en, d.name_hi].some((name) => {
        const n = words(name).join(' ');
        return n.length > 2 && said.includes(` ${n}`);
      }),
    );
    if (named) return { id: named.id, path: named.path, level: named.level };
    const [root] = await m.query<InboxNode[]>(
      `SELECT id, path, level FROM jurisdiction_node WHERE parent_id IS NULL ORDER BY created_at, code LIMIT 1`,
    );
    return root;
  }
}
