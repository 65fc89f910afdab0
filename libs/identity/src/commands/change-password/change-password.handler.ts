import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DomainError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../../domain/password';
import { passwordProblem } from '../../domain/password-policy';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { SessionTokens, SessionTokensIssued } from '../../sessions/session-tokens';
import { samePasswordError } from '../managed-officer';
import { ChangePasswordCommand } from './change-password.command';

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: SessionTokens,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: ChangePasswordCommand): Promise<SessionTokensIssued> {
    const current = await this.officers.findById(this.dataSource, cmd.officer.id);
    if (!current) throw new DomainError('session_ended', 'session ended / सत्र समाप्त', 401);
    const problem = passwordProblem(cmd.newPassword, [current.username, current.displayName]);
    if (problem) throw new ValidationError(problem);
    const newHash = await hashPassword(cmd.newPassword);
    const issued = await this.dataSource.transaction(async (m) => {
      const officer = await this.officers.lockWithHash(m, cmd.officer.id);
      if (!officer || !officer.active) throw new DomainError('session_ended', 'session ended / सत्र समाप्त', 401);
      if (!(await verifyPassword(officer.passwordHash, cmd.currentPassword))) {
        throw new DomainError('invalid_credentials', 'current password is wrong / वर्तमान पासवर्ड गलत है', 401);
      }
      if (await verifyPassword(officer.passwordHash, cmd.newPassword)) throw samePasswordError();
      await this.officers.setPassword(m, officer.id, newHash, false);
      const revoked = await this.sessions.revokeAllOf(m, officer.id, 'password_changed');
      await this.audit.record(m, {
        chainId: `officer:${officer.id}`,
        type: 'officer.password_changed',
        actor: officerActor(cmd.officer),
        jurisdictionPath: officer.jurisdictionPath,
        subject: { officerId: officer.id, username: officer.username },
        body: { afterReset: officer.mustChangePassword, sessionsRevoked: revoked },
      });
      const updated = (await this.officers.findById(m, officer.id))!;
      return this.tokens.issue(m, updated);
    });
    this.check.invalidate(cmd.officer.id);
    return issued;
  }
}
