import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { GroupRepository } from '../../persistence/group.repository';
import { CloseGroupCommand, GroupClosed } from './close-group.command';

@CommandHandler(CloseGroupCommand)
export class CloseGroupHandler implements ICommandHandler<CloseGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    // Nest injects the module's; the default serves the specs that still wire this handler by hand.
    private readonly groups: GroupRepository = new GroupRepository(dataSource),
  ) {}

  async execute(cmd: CloseGroupCommand): Promise<GroupClosed> {
    assertGroupId(cmd.groupId);
    return this.dataSource.transaction(async (m) => {
      const group = groupInReach(cmd.officer, cmd.groupId, await this.groups.findForUpdate(m, cmd.groupId));
      if (group.status === 'open') {
        await this.groups.close(m, group.id, cmd.officer.id);
        await this.audit.record(m, {
          chainId: `group:${group.id}`,
          type: 'group.closed',
          actor: officerActor(cmd.officer),
          jurisdictionPath: group.path,
          subject: { groupId: group.id },
          body: { name: group.name },
        });
      }
      const closedAt = await this.groups.closedAt(m, group.id);
      return { id: group.id, status: 'closed', closedAt: closedAt.toISOString() };
    });
  }
}
