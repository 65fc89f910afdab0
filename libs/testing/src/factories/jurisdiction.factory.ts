import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ImportJurisdictionsCommand, ImportResult, JurisdictionLookup, Level, NodeRef } from '@jansetu/jurisdiction';

/** A node to import; the names default to the code. */
export interface TestNode {
  code: string;
  parentCode: string | null;
  level: Level;
  nameEn?: string;
  nameHi?: string;
}

export interface ImportedJurisdictions extends ImportResult {
  /** Every imported node by its code, with the id and materialised path the import gave it. */
  nodes: Record<string, NodeRef>;
}

/** Nodes imported the way an operator imports them (ImportJurisdictionsCommand), read back through the lookup. */
export async function importJurisdictions(
  app: INestApplicationContext,
  rows: TestNode[],
): Promise<ImportedJurisdictions> {
  const result = await app
    .get(CommandBus)
    .execute(
      new ImportJurisdictionsCommand(
        rows.map((r) => ({ ...r, nameEn: r.nameEn ?? r.code, nameHi: r.nameHi ?? r.code })),
      ),
    );
  const lookup = app.get(JurisdictionLookup);
  const dataSource = app.get(DataSource);
  const nodes: Record<string, NodeRef> = {};
  for (const r of rows) nodes[r.code] = await lookup.byCode(dataSource, r.code);
  return { ...result, nodes };
}
