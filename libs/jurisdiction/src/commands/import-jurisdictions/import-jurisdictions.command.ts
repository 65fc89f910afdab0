import { Command } from '@nestjs/cqrs';
import { ImportInput } from '../../domain/jurisdiction-row';
import { JurisdictionImporter } from '../../ports/jurisdiction-audit.port';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Rows as parsed from JSON, or a CSV file's text (unvalidated: checked against the tree already there); re-importing the same file changes nothing. `importer` is the
 * officer (the admin API); null for the operator's CLI and the sample seed, audited as the system.
 */
export class ImportJurisdictionsCommand extends Command<ImportResult> {
  constructor(
    readonly rows: ImportInput,
    readonly importer: JurisdictionImporter | null = null,
  ) {
    super();
  }
}
