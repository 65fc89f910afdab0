import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { groupForOfficer } from '../../domain/group-ref';
import { CloseGroupCommand, GroupClosed } from './close-group.command';

@CommandHandler(CloseGroupCommand)
export class CloseGroupHandler implements ICommandHandler<CloseGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: CloseGroupCommand): Promise<GroupClosed> {
    return this.dataSource.transaction(async (m) => {
      const group = await groupForOfficer(m, cmd.officer, cmd.groupId, true);
      if (group.status === 'open') {
        await m.query(
          `UPDATE citizen_group SET status = 'closed', closed_at = now(), closed_by = $2, updated_at = now() WHERE id = $1`,
          [group.id, cmd.officer.id],
        );
        await this.audit.record(m, {
          chainId: `group:${group.id}`,
          type: 'group.closed',
          actor: { kind: 'officer', officerId: cmd.officer.id, role: cmd.officer.role },
          jurisdictionPath: group.path,
          subject: { groupId: group.id },
          body: { name: group.name },
        });
      }
      const [{ closedAt }] = await m.query<{ closedAt: Date }[]>(
        `SELECT coalesce(closed_at, updated_at) AS "closedAt" FROM citizen_group WHERE id = $1`,
        [group.id],
      );
      return { id: group.id, status: 'closed', closedAt: new Date(closedAt).toISOString() };
    });
  }
}
