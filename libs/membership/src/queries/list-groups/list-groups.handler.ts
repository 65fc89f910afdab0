import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DataSource } from 'typeorm';
import { listingScope } from '../../domain/group-ref';
import { GroupRepository } from '../../persistence/group.repository';
import { GroupView, ListGroupsQuery } from './list-groups.query';

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly groups: GroupRepository,
  ) {}

  async execute({ scopePath, filter }: ListGroupsQuery): Promise<GroupView[]> {
    const path = filter.jurisdictionCode
      ? listingScope(scopePath, await this.jurisdictions.byCode(this.dataSource.manager, filter.jurisdictionCode))
      : scopePath;
    return this.groups.listWithMemberCounts({
      path,
      status: filter.status ?? null,
      limit: filter.limit ?? 1000,
      offset: filter.offset ?? 0,
    });
  }
}
