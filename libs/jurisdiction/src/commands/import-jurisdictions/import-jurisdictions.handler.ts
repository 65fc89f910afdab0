import { DomainEvents } from '@jansetu/platform';
import { JurisdictionMoved } from '../../events/jurisdiction-moved.event';
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { assertMoveAllowed } from '../../domain/jurisdiction-node';
import { Levels, validateImport } from '../../domain/jurisdiction-row';
import { JurisdictionNodeRepository } from '../../persistence/jurisdiction-node.repository';
import { JURISDICTION_AUDIT, JurisdictionAudit, JurisdictionImportDiff } from '../../ports/jurisdiction-audit.port';
import { ImportJurisdictionsCommand, ImportResult } from './import-jurisdictions.command';

/** Codes listed per kind of change in the audit event; the counts say how many there were in all. */
const LISTED = 200;

/**
 * Upserts the tree by code in one transaction, set-based so a whole state (tens of thousands of nodes) imports in
 * seconds: the rows are validated (errors name the row), staged in a temporary table, then each level is written
 * with one statement, parents before children, so every new node's materialised path extends its parent's. A
 * changed parent is a move: the node's path and its whole subtree's paths are rewritten in one statement. An import
 * that changes anything is one audit event (jurisdiction:tree chain) with what it created, renamed and moved: a
 * move changes who may read a village's members.
 */
@CommandHandler(ImportJurisdictionsCommand)
export class ImportJurisdictionsHandler implements ICommandHandler<ImportJurisdictionsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly nodes: JurisdictionNodeRepository = new JurisdictionNodeRepository(),
    // Provided by the (global) audit module wherever the apps run; a bare benchmark may leave it out.
    @Optional() @Inject(JURISDICTION_AUDIT) private readonly audit?: JurisdictionAudit,
  ) {}

  async execute(cmd: ImportJurisdictionsCommand): Promise<ImportResult> {
    return this.dataSource.transaction(async (m) => {
      const rows = validateImport(cmd.rows, await this.nodes.levelsByCode(m));
      if (!rows.length) return { created: 0, updated: 0, unchanged: 0 };
      await this.nodes.stageImport(m, rows);
      const result = await this.nodes.countStagedChanges(m, rows.length);
      const changed = result.created + result.updated > 0;
      const renames = changed ? await this.nodes.stagedRenames(m, LISTED) : [];
      const createdCodes = result.created ? await this.nodes.stagedNewCodes(m, LISTED) : [];
      const moves: { code: string; oldPath: string; newPath: string }[] = [];
      await this.nodes.renameStaged(m);
      for (let depth = 0; depth < Levels.length; depth++) {
        for (const mv of await this.nodes.stagedMoves(m, depth)) {
          assertMoveAllowed(mv);
          await this.nodes.move(m, mv);
          moves.push(mv);
          // Broadcast, inbox and audit move their copies of the path (who may see what) on this event.
          await this.events.publish(m, new JurisdictionMoved(mv.id, mv.oldPath, mv.newPath));
        }
        await this.nodes.insertStagedNew(m, depth);
      }
      if (changed && this.audit) {
        await this.audit.recordImport(m, cmd.importer, await this.diff(m, result, createdCodes, renames, moves));
      }
      return result;
    });
  }

  private async diff(
    m: EntityManager,
    counts: ImportResult,
    createdCodes: string[],
    renames: Awaited<ReturnType<JurisdictionNodeRepository['stagedRenames']>>,
    moves: { code: string; oldPath: string; newPath: string }[],
  ): Promise<JurisdictionImportDiff> {
    const parent = (path: string) => path.replace(/[^/]+\/$/, '');
    const listed = moves.slice(0, LISTED);
    const ends = await this.nodes.codesOfPathEnds(
      m,
      listed.flatMap((mv) => [parent(mv.oldPath), parent(mv.newPath)]),
    );
    return {
      ...counts,
      createdCodes,
      renamed: renames.map(({ code, from, to }) => ({ code, from, to })),
      renamedCount: renames[0]?.total ?? 0,
      moved: listed.map((mv) => ({
        code: mv.code,
        fromParentCode: ends.get(parent(mv.oldPath)) ?? null,
        toParentCode: ends.get(parent(mv.newPath)) ?? null,
      })),
      movedCount: moves.length,
    };
  }
}
