import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NodeMove, NodeRef, SubtreeNode } from '../domain/jurisdiction-node';
import { JurisdictionRow, Level, Levels } from '../domain/jurisdiction-row';
import { NodeNames } from '../ports/jurisdiction-audit.port';

/** A DataSource or a transaction's EntityManager. */
export type Queryable = Pick<EntityManager, 'query'>;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Tables of other contexts holding a copy of a node's path (constant names, never input). They move with the node
 * until those contexts react to a move event of their own.
 */
/** The only code that reads or writes `jurisdiction_node`. Every method takes the manager it runs on. */
@Injectable()
export class JurisdictionNodeRepository {
  async findByCode(q: Queryable, code: string): Promise<NodeRef | null> {
    const [node] = await q.query<NodeRef[]>(`SELECT id, code, path, level FROM jurisdiction_node WHERE code = $1`, [
      code,
    ]);
    return node ?? null;
  }

  async findById(q: Queryable, id: string): Promise<NodeRef | null> {
    const [node] = await q.query<NodeRef[]>(`SELECT id, code, path, level FROM jurisdiction_node WHERE id = $1`, [id]);
    return node ?? null;
  }

  /** The code of the node at each path that has one. */
  async codesByPath(q: Queryable, paths: string[]): Promise<Map<string, string>> {
    if (!paths.length) return new Map();
    const rows = await q.query<{ path: string; code: string }[]>(
      `SELECT path, code FROM jurisdiction_node WHERE path = ANY($1::text[])`,
      [paths],
    );
    return new Map(rows.map((r) => [r.path, r.code]));
  }

  /** The code of the node each path ends in (by its id, so a path that has since moved still names its node). */
  async codesOfPathEnds(q: Queryable, paths: string[]): Promise<Map<string, string>> {
    const ends = new Map(paths.filter((p) => p !== '/').map((p) => [p, p.split('/').at(-2)!]));
    if (!ends.size) return new Map();
    const rows = await q.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM jurisdiction_node WHERE id = ANY($1::uuid[])`,
      [[...new Set(ends.values())]],
    );
    const codes = new Map(rows.map((r) => [r.id, r.code]));
    return new Map([...ends].filter(([, id]) => codes.has(id)).map(([path, id]) => [path, codes.get(id)!]));
  }

  /**
   * The node at `path` and everything below it, in tree order: one range scan of the materialised-path index
   * (text_pattern_ops), however deep or wide the subtree.
   */
  subtree(q: Queryable, path: string, level: Level | null, limit: number): Promise<SubtreeNode[]> {
    return q.query<SubtreeNode[]>(
      `SELECT n.id, n.code, p.code AS "parentCode", n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi"
         FROM jurisdiction_node n LEFT JOIN jurisdiction_node p ON p.id = n.parent_id
        WHERE n.path LIKE $1 || '%' AND ($2::text IS NULL OR n.level = $2)
        ORDER BY n.path
        LIMIT $3`,
      [path, level, limit],
    );
  }

  /** The children of a node (the roots when null) that lie in, or above, the scope. */
  children(q: Queryable, parentCode: string | null, scopePath: string | null): Promise<SubtreeNode[]> {
    return q.query<SubtreeNode[]>(
      `SELECT n.id, n.code, p.code AS "parentCode", n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi"
         FROM jurisdiction_node n LEFT JOIN jurisdiction_node p ON p.id = n.parent_id
        WHERE ($1::text IS NULL AND n.parent_id IS NULL OR p.code = $1)
          AND ($2::text IS NULL OR n.path LIKE $2 || '%' OR $2 LIKE n.path || '%')
        ORDER BY n.name_en LIMIT 1000`,
      [parentCode, scopePath],
    );
  }

  async levelsByCode(m: EntityManager): Promise<Map<string, Level>> {
    const rows = await m.query<{ code: string; level: Level }[]>(`SELECT code, level FROM jurisdiction_node`);
    return new Map(rows.map((r) => [r.code, r.level]));
  }

  /** Stages validated rows in a temporary table that lives until the transaction ends. */
  async stageImport(m: EntityManager, rows: JurisdictionRow[]): Promise<void> {
    await m.query(`
      CREATE TEMP TABLE jurisdiction_import (
        ord int PRIMARY KEY, code text NOT NULL UNIQUE, parent_code text, level text NOT NULL, depth int NOT NULL,
        name_en text NOT NULL, name_hi text NOT NULL
      ) ON COMMIT DROP`);
    await m.query(
      `INSERT INTO jurisdiction_import
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])`,
      [
        rows.map((_, i) => i),
        rows.map((r) => r.code),
        rows.map((r) => r.parentCode),
        rows.map((r) => r.level),
        rows.map((r) => Levels.indexOf(r.level)),
        rows.map((r) => r.nameEn),
        rows.map((r) => r.nameHi),
      ],
    );
    await m.query(`ANALYZE jurisdiction_import`);
  }

  /** Counted before anything changes: a staged row is unchanged when its names, level and parent all match. */
  async countStagedChanges(m: EntityManager, total: number): Promise<ImportCounts> {
    const [counts] = await m.query<{ created: number; unchanged: number }[]>(`
      SELECT count(*) FILTER (WHERE n.id IS NULL)::int AS created,
             count(*) FILTER (WHERE n.id IS NOT NULL AND (n.name_en, n.name_hi, n.level) = (i.name_en, i.name_hi, i.level)
                                AND p.code IS NOT DISTINCT FROM i.parent_code)::int AS unchanged
        FROM jurisdiction_import i
        LEFT JOIN jurisdiction_node n ON n.code = i.code
        LEFT JOIN jurisdiction_node p ON p.id = n.parent_id`);
    return { created: counts.created, updated: total - counts.created - counts.unchanged, unchanged: counts.unchanged };
  }

  /** Staged rows that will rename (or re-level) an existing node, before and after; at most `limit`. */
  async stagedRenames(
    m: EntityManager,
    limit: number,
  ): Promise<{ code: string; from: NodeNames; to: NodeNames; total: number }[]> {
    return m.query(
      `SELECT i.code, json_build_object('nameEn', n.name_en, 'nameHi', n.name_hi, 'level', n.level) AS "from",
              json_build_object('nameEn', i.name_en, 'nameHi', i.name_hi, 'level', i.level) AS "to",
              count(*) OVER ()::int AS total
         FROM jurisdiction_import i JOIN jurisdiction_node n ON n.code = i.code
        WHERE (n.name_en, n.name_hi, n.level) IS DISTINCT FROM (i.name_en, i.name_hi, i.level)
        ORDER BY i.ord LIMIT $1`,
      [limit],
    );
  }

  /** Codes of staged rows that are new nodes; at most `limit`. */
  async stagedNewCodes(m: EntityManager, limit: number): Promise<string[]> {
    const rows = await m.query<{ code: string }[]>(
      `SELECT i.code FROM jurisdiction_import i
        WHERE NOT EXISTS (SELECT 1 FROM jurisdiction_node n WHERE n.code = i.code) ORDER BY i.ord LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.code);
  }

  async renameStaged(m: EntityManager): Promise<void> {
    await m.query(`
      UPDATE jurisdiction_node n SET name_en = i.name_en, name_hi = i.name_hi, level = i.level, updated_at = now()
        FROM jurisdiction_import i
       WHERE n.code = i.code AND (n.name_en, n.name_hi, n.level) IS DISTINCT FROM (i.name_en, i.name_hi, i.level)`);
  }

  /** Existing nodes of this depth whose staged parent differs from their current one. */
  async stagedMoves(m: EntityManager, depth: number): Promise<NodeMove[]> {
    return m.query<NodeMove[]>(
      `SELECT i.ord, i.code, n.id, p.id AS "parentId", n.path AS "oldPath",
              coalesce(p.path, '/') || n.id || '/' AS "newPath"
         FROM jurisdiction_import i
         JOIN jurisdiction_node n ON n.code = i.code
         LEFT JOIN jurisdiction_node p ON p.code = i.parent_code
        WHERE i.depth = $1 AND n.parent_id IS DISTINCT FROM p.id
        ORDER BY i.ord`,
      [depth],
    );
  }

  /** Re-parents the node and rewrites its whole subtree's paths (other contexts' copies follow on JurisdictionMoved). */
  async move(m: EntityManager, mv: NodeMove): Promise<void> {
    await m.query(`UPDATE jurisdiction_node SET parent_id = $2, updated_at = now() WHERE id = $1`, [
      mv.id,
      mv.parentId,
    ]);
    await m.query(`UPDATE jurisdiction_node SET path = $2 || substr(path, length($1) + 1) WHERE path LIKE $1 || '%'`, [
      mv.oldPath,
      mv.newPath,
    ]);
  }

  /** New nodes of this depth get their id first, so the path (parent's path + own id) is written with the row. */
  async insertStagedNew(m: EntityManager, depth: number): Promise<void> {
    await m.query(
      `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
       SELECT x.id, x.code, p.id, x.level, x.name_en, x.name_hi, coalesce(p.path, '/') || x.id || '/'
         FROM (SELECT gen_random_uuid() AS id, i.* FROM jurisdiction_import i
                WHERE i.depth = $1 AND NOT EXISTS (SELECT 1 FROM jurisdiction_node n WHERE n.code = i.code)) x
         LEFT JOIN jurisdiction_node p ON p.code = x.parent_code`,
      [depth],
    );
  }

  /** What each staged row would do (created, updated with its before and after, unchanged); at most `limit` per kind. */
  stagedDiff(m: EntityManager, limit: number): Promise<StagedChange[]> {
    return m
      .query<StagedChange[]>(
        `SELECT change, code, "to", "from" FROM (
         SELECT i.ord, i.code,
                CASE WHEN n.id IS NULL THEN 'created'
                     WHEN (n.name_en, n.name_hi, n.level) = (i.name_en, i.name_hi, i.level)
                          AND p.code IS NOT DISTINCT FROM i.parent_code THEN 'unchanged'
                     ELSE 'updated' END AS change,
                json_build_object('parentCode', i.parent_code, 'level', i.level, 'nameEn', i.name_en, 'nameHi', i.name_hi)
                  AS "to",
                CASE WHEN n.id IS NULL THEN NULL ELSE
                  json_build_object('parentCode', p.code, 'level', n.level, 'nameEn', n.name_en, 'nameHi', n.name_hi)
                END AS "from"
           FROM jurisdiction_import i
           LEFT JOIN jurisdiction_node n ON n.code = i.code
           LEFT JOIN jurisdiction_node p ON p.id = n.parent_id) d
        ORDER BY ord`,
      )
      .then((rows) => {
        const seen: Record<string, number> = {};
        return rows.filter((r) => (seen[r.change] = (seen[r.change] ?? 0) + 1) <= limit);
      });
  }

  /** Nodes whose English or Hindi name (or code) contains the text, within the scope; exact, then prefix matches first. */
  search(q: Queryable, text: string, scopePath: string | null, limit: number): Promise<SearchHit[]> {
    return q.query<SearchHit[]>(
      `SELECT n.id, n.code, p.code AS "parentCode", n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi",
              p.name_en AS "parentNameEn", p.name_hi AS "parentNameHi"
         FROM jurisdiction_node n LEFT JOIN jurisdiction_node p ON p.id = n.parent_id
        WHERE (n.name_en ILIKE '%' || $1 || '%' OR n.name_hi LIKE '%' || $1 || '%' OR n.code ILIKE '%' || $1 || '%')
          AND ($2::text IS NULL OR n.path LIKE $2 || '%')
        ORDER BY (lower(n.name_en) = lower($1) OR n.name_hi = $1 OR n.code = upper($1)) DESC,
                 (n.name_en ILIKE $1 || '%' OR n.name_hi LIKE $1 || '%') DESC, length(n.path), n.name_en
        LIMIT $3`,
      [text.replace(/[\\%_]/g, (c) => `\\${c}`), scopePath, limit],
    );
  }
}

export interface NodeFields {
  parentCode: string | null;
  level: Level;
  nameEn: string;
  nameHi: string;
}

export interface StagedChange {
  change: 'created' | 'updated' | 'unchanged';
  code: string;
  to: NodeFields;
  from: NodeFields | null;
}

export interface SearchHit extends SubtreeNode {
  parentNameEn: string | null;
  parentNameHi: string | null;
}
