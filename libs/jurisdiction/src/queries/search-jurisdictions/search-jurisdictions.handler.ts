import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { JurisdictionNodeRepository } from '../../persistence/jurisdiction-node.repository';
import { JurisdictionSearchHit, SearchJurisdictionsQuery } from './search-jurisdictions.query';

@QueryHandler(SearchJurisdictionsQuery)
export class SearchJurisdictionsHandler implements IQueryHandler<SearchJurisdictionsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nodes: JurisdictionNodeRepository = new JurisdictionNodeRepository(),
  ) {}

  execute(q: SearchJurisdictionsQuery): Promise<JurisdictionSearchHit[]> {
    return this.nodes.search(this.dataSource, q.text.trim().normalize('NFC'), q.scopePath, q.limit);
  }
}
