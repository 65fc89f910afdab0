import { Command } from '@nestjs/cqrs';
import { JurisdictionImporter } from '../../ports/jurisdiction-audit.port';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Rows as parsed from CSV or JSON (unvalidated); re-importing the same file changes nothing. `importer` is the
 * officer (the admin API); null for the operator's CLI and the sample seed, audited as the system.
 */
export class ImportJurisdictionsCommand extends Command<ImportResult> {
  constructor(
    readonly rows: unknown[],
    readonly importer: JurisdictionImporter | null = null,
  ) {
    super();
  }
}
