import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { JurisdictionRow, Level, validateRows } from '../../domain/jurisdiction-row';
import { ImportJurisdictionsCommand, ImportResult } from './import-jurisdictions.command';

interface Existing {
  id: string;
  code: string;
  parent_id: string | null;
  level: Level;
  name_en: string;
  name_hi: string;
  path: string;
}

const DEPTH: Record<Level, number> = { state: 0, district: 1, subdivision: 2, station: 3, locality: 4 };

/**
 * Upserts the tree by code in one transaction, parents before children. A changed parent is a move: the node's
 * path and its whole subtree's paths are rewritten in one statement.
 */
@CommandHandler(ImportJurisdictionsCommand)
export class ImportJurisdictionsHandler implements ICommandHandler<ImportJurisdictionsCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(cmd: ImportJurisdictionsCommand): Promise<ImportResult> {
    return this.dataSource.transaction(async (m) => {
      const existing = new Map(
        (
          await m.query<Existing[]>(`SELECT id, code, parent_id, level, name_en, name_hi, path FROM jurisdiction_node`)
        ).map((e) => [e.code, e]),
      );
      const rows = validateRows(cmd.rows, undefined, new Map([...existing].map(([code, e]) => [code, e.level])));
      rows.sort((a, b) => DEPTH[a.level] - DEPTH[b.level]);
      const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
      for (const row of rows) result[await this.upsert(m, row, existing)]++;
      return result;
    });
  }

  private async upsert(
    m: EntityManager,
    row: JurisdictionRow,
    existing: Map<string, Existing>,
  ): Promise<keyof ImportResult> {
    const parent = row.parentCode ? existing.get(row.parentCode)! : null;
    const current = existing.get(row.code);
    if (!current) {
      const [created] = await m.query<Existing[]>(
        `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
         SELECT id, $1, $2, $3, $4, $5, $6 || id || '/' FROM (SELECT gen_random_uuid() AS id) g
         RETURNING id, code, parent_id, level, name_en, name_hi, path`,
        [row.code, parent?.id ?? null, row.level, row.nameEn, row.nameHi, parent?.path ?? '/'],
      );
      existing.set(row.code, created);
      return 'created';
    }
    const moved = (parent?.id ?? null) !== current.parent_id;
    if (!moved && current.name_en === row.nameEn && current.name_hi === row.nameHi && current.level === row.level) {
      return 'unchanged';
    }
    await m.query(
      `UPDATE jurisdiction_node SET name_en = $2, name_hi = $3, level = $4, parent_id = $5, updated_at = now() WHERE id = $1`,
      [current.id, row.nameEn, row.nameHi, row.level, parent?.id ?? null],
    );
    if (moved) {
      const newPath = `${parent?.path ?? '/'}${current.id}/`;
      if (newPath.startsWith(current.path)) throw new Error(`${row.code} cannot move under its own subtree`);
      await m.query(
        `UPDATE jurisdiction_node SET path = $2 || substr(path, length($1) + 1) WHERE path LIKE $1 || '%'`,
        [current.path, newPath],
      );
      for (const e of existing.values())
        if (e.path.startsWith(current.path)) e.path = newPath + e.path.slice(current.path.length);
    }
    Object.assign(current, {
      name_en: row.nameEn,
      name_hi: row.nameHi,
      level: row.level,
      parent_id: parent?.id ?? null,
    });
    return 'updated';
  }
}
