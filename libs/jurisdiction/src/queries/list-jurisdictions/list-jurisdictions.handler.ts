import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { JurisdictionNodeRepository } from '../../persistence/jurisdiction-node.repository';
import { JurisdictionView, ListJurisdictionsQuery } from './list-jurisdictions.query';

@QueryHandler(ListJurisdictionsQuery)
export class ListJurisdictionsHandler implements IQueryHandler<ListJurisdictionsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nodes: JurisdictionNodeRepository = new JurisdictionNodeRepository(),
  ) {}

  execute(q: ListJurisdictionsQuery): Promise<JurisdictionView[]> {
    return this.nodes.children(this.dataSource, q.parentCode, q.scopePath);
  }
}
