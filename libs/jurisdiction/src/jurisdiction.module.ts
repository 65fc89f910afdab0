import { Module } from '@nestjs/common';
import { ImportJurisdictionsHandler } from './commands/import-jurisdictions/import-jurisdictions.handler';
import { JurisdictionLookup } from './domain/jurisdiction-lookup';
import { ListJurisdictionsHandler } from './queries/list-jurisdictions/list-jurisdictions.handler';
import { ListSubtreeHandler } from './queries/list-subtree/list-subtree.handler';

@Module({
  providers: [ImportJurisdictionsHandler, ListJurisdictionsHandler, ListSubtreeHandler, JurisdictionLookup],
  exports: [JurisdictionLookup],
})
export class JurisdictionModule {}
