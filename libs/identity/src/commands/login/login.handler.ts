import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { loginAuditFact } from '../../domain/login-outcome';
import { decoyHash, verifyPassword } from '../../domain/password';
import { LoginThrottle } from '../../auth/login-throttle';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionTokens, SessionTokensIssued } from '../../sessions/session-tokens';
import { LoginCommand } from './login.command';

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditRecorder,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(cmd: LoginCommand): Promise<SessionTokensIssued> {
    const officer = await this.officers.findActiveWithHash(cmd.username);
    // An unknown username costs as long as a wrong password.
    const ok = await verifyPassword(officer?.passwordHash ?? (await decoyHash()), cmd.password);
    const path = officer?.jurisdictionPath ?? null;
    // The attempt is audited whatever its outcome; a success starts a session family in the same transaction.
    const issued = await this.dataSource.transaction(async (m) => {
      await this.audit.record(m, loginAuditFact(officer, ok, path));
      return officer && ok ? this.tokens.issue(m, officer) : null;
    });
    if (cmd.address !== undefined) this.throttle.record(cmd.username, cmd.address, issued !== null);
    if (!issued) throw new DomainError('invalid_credentials', 'wrong username or password / गलत यूज़रनेम या पासवर्ड', 401);
    return issued;
  }
}
