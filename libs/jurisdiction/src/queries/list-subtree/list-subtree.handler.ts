import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { assertWithinScope } from '../../domain/jurisdiction-node';
import { JurisdictionLookup } from '../../jurisdiction-lookup';
import { JurisdictionView } from '../list-jurisdictions/list-jurisdictions.query';
import { ListSubtreeQuery } from './list-subtree.query';

@QueryHandler(ListSubtreeQuery)
export class ListSubtreeHandler implements IQueryHandler<ListSubtreeQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: JurisdictionLookup,
  ) {}

  async execute(q: ListSubtreeQuery): Promise<JurisdictionView[]> {
    const node = await this.lookup.byCode(this.dataSource.manager, q.code);
    assertWithinScope(q.code, node.path, q.scopePath);
    return this.lookup.subtree(this.dataSource.manager, node.path, q.level, q.limit);
  }
}
