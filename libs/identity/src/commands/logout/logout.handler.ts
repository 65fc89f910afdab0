import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { LogoutCommand } from './logout.command';

@CommandHandler(LogoutCommand)
export class LogoutHandler implements ICommandHandler<LogoutCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer }: LogoutCommand): Promise<void> {
    if (!officer.sessionId) return;
    const family = officer.sessionId;
    await this.dataSource.transaction(async (m) => {
      await this.sessions.revokeFamily(m, family, 'logout');
      await this.audit.record(m, {
        chainId: `officer:${officer.id}`,
        type: 'officer.logout',
        actor: officerActor(officer),
        jurisdictionPath: officer.jurisdictionPath,
        subject: { officerId: officer.id, username: officer.username },
        body: { sessionFamily: family },
      });
    });
    this.check.invalidate(officer.id);
  }
}
