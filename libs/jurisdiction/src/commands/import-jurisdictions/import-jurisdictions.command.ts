import { Command } from '@nestjs/cqrs';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Rows as parsed from CSV or JSON (unvalidated); re-importing the same file changes nothing. */
export class ImportJurisdictionsCommand extends Command<ImportResult> {
  constructor(readonly rows: unknown[]) {
    super();
  }
}
