import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomInt } from 'node:crypto';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../domain/password';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { lockManagedOfficer } from '../managed-officer';
import { ResetOfficerPasswordCommand } from './reset-officer-password.command';

// No 0/O, 1/l/I: read aloud or copied from paper without mistakes. 20 of 56 symbols ≈ 116 bits.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const temporaryPassword = () =>
  Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join(
    '-',
  );

@CommandHandler(ResetOfficerPasswordCommand)
export class ResetOfficerPasswordHandler implements ICommandHandler<ResetOfficerPasswordCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly sessions: SessionRepository,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: ResetOfficerPasswordCommand): Promise<{ id: string; temporaryPassword: string }> {
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      const target = await lockManagedOfficer(m, this.officers, cmd.actor, cmd.officerId);
      await this.officers.setPassword(m, target.id, hash, true);
      const revoked = await this.sessions.revokeAllOf(m, target.id, 'password_changed');
      await this.audit.record(m, {
        chainId: `officer:${target.id}`,
        type: 'officer.password_reset',
        actor: officerActor(cmd.actor),
        jurisdictionPath: target.jurisdictionPath,
        subject: { officerId: target.id, username: target.username },
        body: { reason: cmd.reason, sessionsRevoked: revoked },
      });
    });
    this.check.invalidate(cmd.officerId);
    return { id: cmd.officerId, temporaryPassword: password };
  }
}
