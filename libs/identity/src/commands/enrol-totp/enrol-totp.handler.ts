import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { OfficerRepository } from '../../persistence/officer.repository';
import { Totp } from '../../sessions/totp';
import { EnrolTotpCommand } from './enrol-totp.command';

@CommandHandler(EnrolTotpCommand)
export class EnrolTotpHandler implements ICommandHandler<EnrolTotpCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly totp: Totp,
  ) {}

  async execute({ officer }: EnrolTotpCommand): Promise<{ secret: string; otpauthUri: string }> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.officers.lockWithSecondFactor(m, officer.id);
      if (!current) throw new DomainError('session_ended', 'session ended / सत्र समाप्त', 401);
      // Replacing a working second factor is an admin's reset, not something a stolen session may do.
      if (current.totpEnabledAt) {
        throw new DomainError('conflict', 'a second factor is already set up / दूसरा कारक पहले से सेट है', 409);
      }
      const { secret, sealed, otpauthUri } = this.totp.newSecret(current.username);
      await this.officers.setPendingTotp(m, officer.id, sealed);
      return { secret, otpauthUri };
    });
  }
}
