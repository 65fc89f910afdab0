import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { JurisdictionLookup } from '../../domain/jurisdiction-lookup';
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
    if (q.scopePath !== null && !node.path.startsWith(q.scopePath)) {
      throw new ForbiddenError(
        `jurisdiction ${q.code} is outside your jurisdiction / jurisdiction ${q.code} आपके क्षेत्राधिकार से बाहर है`,
      );
    }
    return this.lookup.subtree(this.dataSource.manager, node.path, q.level, q.limit);
  }
}
