import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BlindIndex, narrowMask } from '@jansetu/platform';
import { viewerPseudonym } from '../../domain/pseudonym';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { GroupRepository } from '../../persistence/group.repository';
import { MemberDirectoryRepository } from '../../persistence/member-directory.repository';
import { ListGroupMembersQuery, MemberView } from './list-group-members.query';

@QueryHandler(ListGroupMembersQuery)
export class ListGroupMembersHandler implements IQueryHandler<ListGroupMembersQuery> {
  constructor(
    private readonly groups: GroupRepository,
    private readonly members: MemberDirectoryRepository,
    private readonly blind: BlindIndex,
  ) {}

  async execute(q: ListGroupMembersQuery): Promise<MemberView[]> {
    assertGroupId(q.groupId);
    const group = groupInReach(q.officer, q.groupId, await this.groups.find(q.groupId));
    // Scoped to the viewer's jurisdiction; masks re-applied here too, for rows stored before two-digit masks.
    const scope = q.officer.jurisdictionNodeId ?? 'state';
    return (await this.members.activeMembers(group.id, q.limit, q.offset)).map((m) => ({
      ...m,
      pseudonym: viewerPseudonym(this.blind, scope, m.pseudonym),
      maskedAddress: m.maskedAddress && m.channel ? narrowMask(m.channel, m.maskedAddress) : m.maskedAddress,
    }));
  }
}
