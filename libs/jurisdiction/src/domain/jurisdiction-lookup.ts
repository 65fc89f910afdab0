import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { Level } from './jurisdiction-row';

export interface NodeRef {
  id: string;
  code: string;
  path: string;
  level: string;
}

export interface SubtreeNode {
  id: string;
  code: string;
  parentCode: string | null;
  level: Level;
  nameEn: string;
  nameHi: string;
}

/** Finds a node by code or id; other contexts use it to check an officer's reach. */
@Injectable()
export class JurisdictionLookup {
  async byCode(m: EntityManager, code: string): Promise<NodeRef> {
    const rows: NodeRef[] = await m.query(`SELECT id, code, path, level FROM jurisdiction_node WHERE code = $1`, [
      code,
    ]);
    if (!rows.length) throw new NotFoundError(`jurisdiction ${code}`);
    return rows[0];
  }

  /**
   * The node at `path` and everything below it, in tree order: one range scan of the materialised-path index
   * (text_pattern_ops), however deep or wide the subtree.
   */
  async subtree(m: EntityManager, path: string, level: Level | null = null, limit = 5000): Promise<SubtreeNode[]> {
    return m.query<SubtreeNode[]>(
      `SELECT n.id, n.code, p.code AS "parentCode", n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi"
         FROM jurisdiction_node n LEFT JOIN jurisdiction_node p ON p.id = n.parent_id
        WHERE n.path LIKE $1 || '%' AND ($2::text IS NULL OR n.level = $2)
        ORDER BY n.path
        LIMIT $3`,
      [path, level, limit],
    );
  }
}
