import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ImportJurisdictionsCommand, parseJurisdictionCsv } from '@jansetu/jurisdiction';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

export const SAMPLE_FILE = resolve('config', 'jurisdictions', 'bihar-sample.csv');

/** Embedded mode starts with a real slice of Bihar (SEED_SAMPLE_JURISDICTIONS) so there is something to try. */
@Injectable()
export class SampleJurisdictions implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ n }] = await this.dataSource.query<
      {
        n: number;
      }[]
    >(`SELECT count(*)::int AS n FROM jurisdiction_node`);
    if (n > 0) return;
    const result = await this.commands.execute(
      new ImportJurisdictionsCommand(parseJurisdictionCsv(readFileSync(SAMPLE_FILE, 'utf8'))),
    );
    new Logger('Jurisdictions').log(`sample Bihar jurisdictions imported: ${result.created} nodes`);
  }
}
