import { Query } from '@nestjs/cqrs';
import { ImportInput, RowError } from '../../domain/jurisdiction-row';
import { StagedChange } from '../../persistence/jurisdiction-node.repository';

/** What an import would do, row by row, and what stops it; nothing is changed. */
export interface ImportPreview {
  dryRun: true;
  /** false when any row has an error: the import itself would be refused whole. */
  applicable: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Each change with the row (and, when updated, the node as it is now); at most 500 of each kind. */
  changes: StagedChange[];
  errors: RowError[];
}

/** The diff of an import (rows or CSV text) against the tree, for a dry run before confirming. */
export class PreviewJurisdictionImportQuery extends Query<ImportPreview> {
  constructor(readonly rows: ImportInput) {
    super();
  }
}
