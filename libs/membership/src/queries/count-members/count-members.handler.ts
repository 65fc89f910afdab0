import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MembershipRepository } from '../../persistence/membership.repository';
import { CountMembersQuery, MemberCounts } from './count-members.query';

@QueryHandler(CountMembersQuery)
export class CountMembersHandler implements IQueryHandler<CountMembersQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute({ scopePath, since }: CountMembersQuery): Promise<MemberCounts> {
    const [groups, byArea] = await Promise.all([
      this.memberships.countByGroup(this.dataSource.manager, scopePath, since, 50),
      this.memberships.countByArea(
        this.dataSource.manager,
        scopePath,
        scopePath === null ? 'district' : 'station',
        since,
      ),
    ]);
    return { groups, byArea };
  }
}
