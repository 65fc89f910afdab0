import { Module } from '@nestjs/common';
import { ImportJurisdictionsHandler } from './commands/import-jurisdictions/import-jurisdictions.handler';
import { JurisdictionLookup } from './jurisdiction-lookup';
import { JurisdictionNodeRepository } from './persistence/jurisdiction-node.repository';
import { ListJurisdictionsHandler } from './queries/list-jurisdictions/list-jurisdictions.handler';
import { ListSubtreeHandler } from './queries/list-subtree/list-subtree.handler';
import { PreviewJurisdictionImportHandler } from './queries/preview-jurisdiction-import/preview-jurisdiction-import.handler';
import { SearchJurisdictionsHandler } from './queries/search-jurisdictions/search-jurisdictions.handler';

/** The lookup alone, for contexts that check an officer's reach (identity, audit, membership...). */
@Module({
  providers: [JurisdictionNodeRepository, JurisdictionLookup],
  exports: [JurisdictionLookup],
})
export class JurisdictionLookupModule {}

@Module({
  imports: [JurisdictionLookupModule],
  providers: [
    ImportJurisdictionsHandler,
    ListJurisdictionsHandler,
    ListSubtreeHandler,
    PreviewJurisdictionImportHandler,
    SearchJurisdictionsHandler,
    JurisdictionNodeRepository,
  ],
  exports: [JurisdictionLookupModule],
})
export class JurisdictionModule {}
