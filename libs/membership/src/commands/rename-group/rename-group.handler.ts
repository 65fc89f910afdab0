import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { GroupRepository } from '../../persistence/group.repository';
import { GroupRenamed, RenameGroupCommand } from './rename-group.command';

@CommandHandler(RenameGroupCommand)
export class RenameGroupHandler implements ICommandHandler<RenameGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    // Nest injects the module's; the default serves the specs that still wire this handler by hand.
    private readonly groups: GroupRepository = new GroupRepository(dataSource),
  ) {}

  async execute(cmd: RenameGroupCommand): Promise<GroupRenamed> {
    assertGroupId(cmd.groupId);
    return this.dataSource.transaction(async (m) => {
      const group = groupInReach(cmd.officer, cmd.groupId, await this.groups.findForUpdate(m, cmd.groupId));
      if (group.name === cmd.name) return { id: group.id, name: group.name };
      await this.groups.rename(m, group.id, cmd.name);
      await this.audit.record(m, {
        chainId: `group:${group.id}`,
        type: 'group.renamed',
        actor: officerActor(cmd.officer),
        jurisdictionPath: group.path,
        subject: { groupId: group.id },
        body: { from: group.name, to: cmd.name },
      });
      return { id: group.id, name: cmd.name };
    });
  }
}
