import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { AuditRecorder, officerActor, SYSTEM_ACTOR } from '@jansetu/audit';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { Officer } from '../../domain/officer.entity';
import { decoyHash, verifyPassword } from '../../domain/password';
import { LoginCommand } from './login.command';
import { TokenClaims } from '../../auth/token-claims';

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: LoginCommand): Promise<{ accessToken: string }> {
    const officer = await this.dataSource
      .getRepository(Officer)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .where('o.username = :u AND o.active', { u: cmd.username })
      .getOne();
    const ok = await verifyPassword(officer?.passwordHash ?? (await decoyHash()), cmd.password);
    const rows: { path: string }[] = officer?.jurisdictionNodeId
      ? await this.dataSource.query(`SELECT path FROM jurisdiction_node WHERE id = $1`, [officer.jurisdictionNodeId])
      : [];
    const path = rows[0]?.path ?? null;
    // Both outcomes are audited; an unknown username is not kept (people type passwords into that field).
    await this.dataSource.transaction((m) =>
      this.audit.record(m, {
        chainId: officer ? `officer:${officer.id}` : 'auth:unknown-username',
        type: officer && ok ? 'officer.login' : 'officer.login_failed',
        actor:
          officer && ok ? officerActor({ id: officer.id, role: officer.role, jurisdictionPath: path }) : SYSTEM_ACTOR,
        jurisdictionPath: officer ? path : null,
        subject: officer ? { officerId: officer.id, username: officer.username } : {},
        body: officer && ok ? {} : { reason: officer ? 'wrong_password' : 'unknown_or_inactive_username' },
      }),
    );
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
