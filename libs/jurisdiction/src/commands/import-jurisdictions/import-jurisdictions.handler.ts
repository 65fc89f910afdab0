import { DomainEvents } from '@jansetu/platform';
import { JurisdictionMoved } from '../../events/jurisdiction-moved.event';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { assertMoveAllowed } from '../../domain/jurisdiction-node';
import { Levels, validateRows } from '../../domain/jurisdiction-row';
import { JurisdictionNodeRepository } from '../../persistence/jurisdiction-node.repository';
import { ImportJurisdictionsCommand, ImportResult } from './import-jurisdictions.command';

/**
 * Upserts the tree by code in one transaction, set-based so a whole state (tens of thousands of nodes) imports in
 * seconds: the rows are validated (errors name the row), staged in a temporary table, then each level is written
 * with one statement, parents before children, so every new node's materialised path extends its parent's. A
 * changed parent is a move: the node's path and its whole subtree's paths are rewritten in one statement.
 */
@CommandHandler(ImportJurisdictionsCommand)
export class ImportJurisdictionsHandler implements ICommandHandler<ImportJurisdictionsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly nodes: JurisdictionNodeRepository = new JurisdictionNodeRepository(),
  ) {}

  async execute(cmd: ImportJurisdictionsCommand): Promise<ImportResult> {
    return this.dataSource.transaction(async (m) => {
      const rows = validateRows(cmd.rows, undefined, await this.nodes.levelsByCode(m));
      if (!rows.length) return { created: 0, updated: 0, unchanged: 0 };
      await this.nodes.stageImport(m, rows);
      const result = await this.nodes.countStagedChanges(m, rows.length);
      await this.nodes.renameStaged(m);
      for (let depth = 0; depth < Levels.length; depth++) {
        for (const mv of await this.nodes.stagedMoves(m, depth)) {
          assertMoveAllowed(mv);
          await this.nodes.move(m, mv);
          // Broadcast, inbox and audit move their copies of the path (who may see what) on this event.
          await this.events.publish(m, new JurisdictionMoved(mv.id, mv.oldPath, mv.newPath));
        }
        await this.nodes.insertStagedNew(m, depth);
      }
      return result;
    });
  }
}
