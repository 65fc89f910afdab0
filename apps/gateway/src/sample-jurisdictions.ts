import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ImportJurisdictionsCommand, ListJurisdictionsQuery, parseJurisdictionCsv } from '@jansetu/jurisdiction';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SAMPLE_FILE = resolve('config', 'jurisdictions', 'bihar-sample.csv');

/** Embedded mode starts with a real slice of Bihar (SEED_SAMPLE_JURISDICTIONS) so there is something to try. */
@Injectable()
export class SampleJurisdictions implements OnApplicationBootstrap {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The tree is empty when it has no root (the import refuses nodes without their parents).
    const roots = await this.queries.execute(new ListJurisdictionsQuery(null, null));
    if (roots.length > 0) return;
    const result = await this.commands.execute(
      new ImportJurisdictionsCommand(parseJurisdictionCsv(readFileSync(SAMPLE_FILE, 'utf8'))),
    );
    new Logger('Jurisdictions').log(`sample Bihar jurisdictions imported: ${result.created} nodes`);
  }
}
