import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { checkImport } from '../../domain/jurisdiction-row';
import { JurisdictionNodeRepository } from '../../persistence/jurisdiction-node.repository';
import { ImportPreview, PreviewJurisdictionImportQuery } from './preview-jurisdiction-import.query';

const LISTED = 500;

/**
 * Stages the valid rows in the import's temporary table and compares them with the tree, in a transaction that
 * writes nothing (the staging table is dropped at its end): the same comparison the import makes.
 */
@QueryHandler(PreviewJurisdictionImportQuery)
export class PreviewJurisdictionImportHandler implements IQueryHandler<PreviewJurisdictionImportQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nodes: JurisdictionNodeRepository = new JurisdictionNodeRepository(),
  ) {}

  execute(q: PreviewJurisdictionImportQuery): Promise<ImportPreview> {
    return this.dataSource.transaction(async (m) => {
      const { rows, errors } = checkImport(q.rows, await this.nodes.levelsByCode(m));
      const preview: ImportPreview = {
        dryRun: true,
        applicable: errors.length === 0 && rows.length > 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        changes: [],
        errors,
      };
      if (!rows.length) return preview;
      await this.nodes.stageImport(m, rows);
      return {
        ...preview,
        ...(await this.nodes.countStagedChanges(m, rows.length)),
        changes: await this.nodes.stagedDiff(m, LISTED),
      };
    });
  }
}
