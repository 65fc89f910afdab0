import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { lockManagedOfficer } from '../managed-officer';
import { SetOfficerActiveCommand } from './set-officer-active.command';

@CommandHandler(SetOfficerActiveCommand)
export class SetOfficerActiveHandler implements ICommandHandler<SetOfficerActiveCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly sessions: SessionRepository,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: SetOfficerActiveCommand): Promise<{ id: string; active: boolean }> {
    await this.dataSource.transaction(async (m) => {
      const target = await lockManagedOfficer(m, this.officers, cmd.actor, cmd.officerId);
      if (target.active === cmd.active) return; // already so: nothing changes, nothing to audit
      await this.officers.setActive(m, target.id, cmd.active, cmd.active ? null : cmd.reason);
      const revoked = cmd.active ? 0 : await this.sessions.revokeAllOf(m, target.id, 'disabled');
      await this.audit.record(m, {
        chainId: `officer:${target.id}`,
        type: cmd.active ? 'officer.enabled' : 'officer.disabled',
        actor: officerActor(cmd.actor),
        jurisdictionPath: target.jurisdictionPath,
        subject: { officerId: target.id, username: target.username },
        body: { reason: cmd.reason, ...(cmd.active ? {} : { sessionsRevoked: revoked }) },
      });
    });
    this.check.invalidate(cmd.officerId);
    return { id: cmd.officerId, active: cmd.active };
  }
}
