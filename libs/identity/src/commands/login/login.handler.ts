import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
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
  ) {}

  async execute(cmd: LoginCommand): Promise<{ accessToken: string }> {
    const officer = await this.dataSource
      .getRepository(Officer)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .where('o.username = :u AND o.active', { u: cmd.username })
      .getOne();
    const ok = await verifyPassword(officer?.passwordHash ?? (await decoyHash()), cmd.password);
    if (!officer || !ok)
      throw new DomainError('invalid_credentials', 'wrong username or password / गलत यूज़रनेम या पासवर्ड', 401);
    const rows: { path: string }[] = officer.jurisdictionNodeId
      ? await this.dataSource.query(`SELECT path FROM jurisdiction_node WHERE id = $1`, [officer.jurisdictionNodeId])
      : [];
    const claims: TokenClaims = {
      sub: officer.id,
      usr: officer.username,
      role: officer.role,
      node: officer.jurisdictionNodeId,
      path: rows[0]?.path ?? null,
    };
    return { accessToken: await this.jwt.signAsync(claims) };
  }
}
