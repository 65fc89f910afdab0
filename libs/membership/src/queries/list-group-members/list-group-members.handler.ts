import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { GroupRepository } from '../../persistence/group.repository';
import { MemberDirectoryRepository } from '../../persistence/member-directory.repository';
import { ListGroupMembersQuery, MemberView } from './list-group-members.query';

@QueryHandler(ListGroupMembersQuery)
export class ListGroupMembersHandler implements IQueryHandler<ListGroupMembersQuery> {
  constructor(
    private readonly groups: GroupRepository,
    private readonly members: MemberDirectoryRepository,
  ) {}

  async execute(q: ListGroupMembersQuery): Promise<MemberView[]> {
    assertGroupId(q.groupId);
    const group = groupInReach(q.officer, q.groupId, await this.groups.find(q.groupId));
    return this.members.activeMembers(group.id, q.limit, q.offset);
  }
}
