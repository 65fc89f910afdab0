import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { AuditRecorder } from '@jansetu/audit';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { TokenClaims } from '../../auth/token-claims';
import { loginAuditFact } from '../../domain/login-outcome';
import { decoyHash, verifyPassword } from '../../domain/password';
import { OfficerRepository } from '../../persistence/officer.repository';
import { LoginCommand } from './login.command';

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly jwt: JwtService,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: LoginCommand): Promise<{ accessToken: string }> {
    const officer = await this.officers.findActiveWithHash(cmd.username);
    // An unknown username costs as long as a wrong password.
    const ok = await verifyPassword(officer?.passwordHash ?? (await decoyHash()), cmd.password);
    const node = officer?.jurisdictionNodeId
      ? await this.jurisdictions.findById(this.dataSource, officer.jurisdictionNodeId)
      : null;
    const path = node?.path ?? null;
    await this.dataSource.transaction((m) => this.audit.record(m, loginAuditFact(officer, ok, path)));
    if (!officer || !ok)
      throw new DomainError('invalid_credentials', 'wrong username or password / गलत यूज़रनेम या पासवर्ड', 401);
    const claims: TokenClaims = {
      sub: officer.id,
      usr: officer.username,
      role: officer.role,
      node: officer.jurisdictionNodeId,
      path,
    };
    return { accessToken: await this.jwt.signAsync(claims) };
  }
}
