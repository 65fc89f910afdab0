import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Level, Levels, validateRows } from '../../domain/jurisdiction-row';
import { ImportJurisdictionsCommand, ImportResult } from './import-jurisdictions.command';

/**
 * Upserts the tree by code in one transaction, set-based so a whole state (tens of thousands of nodes) imports in
 * seconds: the rows are validated (errors name the row), staged in a temporary table, then each level is written
 * with one statement, parents before children, so every new node's materialised path extends its parent's. A
 * changed parent is a move: the node's path and its whole subtree's paths are rewritten in one statement.
 */
/** Tables holding a copy of a node's path (constant names, never input). */
const MOVABLE_PATHS = ['broadcast', 'inbox_case', 'audit_legal_hold'] as const;

@CommandHandler(ImportJurisdictionsCommand)
export class ImportJurisdictionsHandler implements ICommandHandler<ImportJurisdictionsCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(cmd: ImportJurisdictionsCommand): Promise<ImportResult> {
    return this.dataSource.transaction(async (m) => {
      const existing = await m.query<{ code: string; level: Level }[]>(`SELECT code, level FROM jurisdiction_node`);
      const rows = validateRows(cmd.rows, undefined, new Map(existing.map((e) => [e.code, e.level])));
      if (!rows.length) return { created: 0, updated: 0, unchanged: 0 };

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

      // Counted before anything changes: a row is unchanged when its names, level and parent all match.
      const [result] = await m.query<ImportResult[]>(`
        SELECT count(*) FILTER (WHERE n.id IS NULL)::int AS created,
               count(*) FILTER (WHERE n.id IS NOT NULL AND (n.name_en, n.name_hi, n.level) = (i.name_en, i.name_hi, i.level)
                                  AND p.code IS NOT DISTINCT FROM i.parent_code)::int AS unchanged
          FROM jurisdiction_import i
          LEFT JOIN jurisdiction_node n ON n.code = i.code
          LEFT JOIN jurisdiction_node p ON p.id = n.parent_id`);
      result.updated = rows.length - result.created - result.unchanged;

      await m.query(`
        UPDATE jurisdiction_node n SET name_en = i.name_en, name_hi = i.name_hi, level = i.level, updated_at = now()
          FROM jurisdiction_import i
         WHERE n.code = i.code AND (n.name_en, n.name_hi, n.level) IS DISTINCT FROM (i.name_en, i.name_hi, i.level)`);
      for (let depth = 0; depth < Levels.length; depth++) {
        await this.move(m, depth);
        // New nodes get their id first, so the path (parent's path + own id) is written with the row.
        await m.query(
          `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
           SELECT x.id, x.code, p.id, x.level, x.name_en, x.name_hi, coalesce(p.path, '/') || x.id || '/'
             FROM (SELECT gen_random_uuid() AS id, i.* FROM jurisdiction_import i
                    WHERE i.depth = $1 AND NOT EXISTS (SELECT 1 FROM jurisdiction_node n WHERE n.code = i.code)) x
             LEFT JOIN jurisdiction_node p ON p.code = x.parent_code`,
          [depth],
        );
      }
      return result;
    });
  }

  /** Existing nodes of this depth whose parent changed: re-parented, and their subtree's paths rewritten. */
  private async move(m: EntityManager, depth: number): Promise<void> {
    const moves = await m.query<
      { ord: number; code: string; id: string; parent_id: string | null; old_path: string; new_path: string }[]
    >(
      `SELECT i.ord, i.code, n.id, p.id AS parent_id, n.path AS old_path, coalesce(p.path, '/') || n.id || '/' AS new_path
         FROM jurisdiction_import i
         JOIN jurisdiction_node n ON n.code = i.code
         LEFT JOIN jurisdiction_node p ON p.code = i.parent_code
        WHERE i.depth = $1 AND n.parent_id IS DISTINCT FROM p.id
        ORDER BY i.ord`,
      [depth],
    );
    for (const mv of moves) {
      if (mv.new_path.startsWith(mv.old_path)) {
        throw new ValidationError(`row ${mv.ord + 1}: ${mv.code} cannot move under its own subtree`);
      }
      await m.query(`UPDATE jurisdiction_node SET parent_id = $2, updated_at = now() WHERE id = $1`, [
        mv.id,
        mv.parent_id,
      ]);
      await m.query(
        `UPDATE jurisdiction_node SET path = $2 || substr(path, length($1) + 1) WHERE path LIKE $1 || '%'`,
        [mv.old_path, mv.new_path],
      );
      // Copies of the path that decide who may see a broadcast, a tip or a legal hold move with the node.
      // (Audit events keep the path they were recorded under: the log is history and is never rewritten.)
      for (const table of MOVABLE_PATHS) {
        await m.query(
          `UPDATE ${table} SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1)
            WHERE jurisdiction_path LIKE $1 || '%'`,
          [mv.old_path, mv.new_path],
        );
      }
    }
  }
}
