import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { groupForOfficer } from '../../domain/group-ref';
import { GroupRenamed, RenameGroupCommand } from './rename-group.command';

@CommandHandler(RenameGroupCommand)
export class RenameGroupHandler implements ICommandHandler<RenameGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: RenameGroupCommand): Promise<GroupRenamed> {
    return this.dataSource.transaction(async (m) => {
      const group = await groupForOfficer(m, cmd.officer, cmd.groupId, true);
      if (group.name === cmd.name) return { id: group.id, name: group.name };
      await m.query(`UPDATE citizen_group SET name = $2, updated_at = now() WHERE id = $1`, [group.id, cmd.name]);
      await this.audit.record(m, {
        chainId: `group:${group.id}`,
        type: 'group.renamed',
        actor: { kind: 'officer', officerId: cmd.officer.id, role: cmd.officer.role },
        jurisdictionPath: group.path,
        subject: { groupId: group.id },
        body: { from: group.name, to: cmd.name },
      });
      return { id: group.id, name: cmd.name };
    });
  }
}
