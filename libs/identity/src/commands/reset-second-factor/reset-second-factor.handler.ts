import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { lockManagedOfficer } from '../managed-officer';
import { ResetSecondFactorCommand } from './reset-second-factor.command';

@CommandHandler(ResetSecondFactorCommand)
export class ResetSecondFactorHandler implements ICommandHandler<ResetSecondFactorCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly sessions: SessionRepository,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: ResetSecondFactorCommand): Promise<{ id: string }> {
    await this.dataSource.transaction(async (m) => {
      const target = await lockManagedOfficer(m, this.officers, cmd.actor, cmd.officerId);
      await this.officers.clearSecondFactor(m, target.id);
      const revoked = await this.sessions.revokeAllOf(m, target.id, 'second_factor_reset');
      await this.audit.record(m, {
        chainId: `officer:${target.id}`,
        type: 'officer.second_factor_reset',
        actor: officerActor(cmd.actor),
        jurisdictionPath: target.jurisdictionPath,
        subject: { officerId: target.id, username: target.username },
        body: { reason: cmd.reason, sessionsRevoked: revoked },
      });
    });
    this.check.invalidate(cmd.officerId);
    return { id: cmd.officerId };
  }
}
