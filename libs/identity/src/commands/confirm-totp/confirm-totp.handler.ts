import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { loginAuditFact } from '../../domain/login-outcome';
import { newRecoveryCodes, recoveryCodeHash } from '../../domain/second-factor';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionTokens } from '../../sessions/session-tokens';
import { Totp } from '../../sessions/totp';
import { ConfirmTotpCommand, TotpConfirmed } from './confirm-totp.command';

@CommandHandler(ConfirmTotpCommand)
export class ConfirmTotpHandler implements ICommandHandler<ConfirmTotpCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly totp: Totp,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, code }: ConfirmTotpCommand): Promise<TotpConfirmed> {
    return this.dataSource.transaction(async (m) => {
      const current = await this.officers.lockWithSecondFactor(m, officer.id);
      if (!current?.totpPendingSealed || current.totpEnabledAt) {
        throw new DomainError('conflict', 'start enrolment first / पहले नामांकन शुरू करें', 409);
      }
      const step = await this.totp.check(current.totpPendingSealed, code);
      if (step === null) {
        throw new DomainError('invalid_second_factor', 'wrong code / कोड गलत है', 400);
      }
      await this.officers.enableTotp(m, officer.id, step);
      const recoveryCodes = newRecoveryCodes();
      await this.officers.replaceRecoveryCodes(m, officer.id, recoveryCodes.map(recoveryCodeHash));
      await this.audit.record(m, {
        chainId: `officer:${officer.id}`,
        type: 'officer.totp_enrolled',
        actor: officerActor(officer),
        jurisdictionPath: current.jurisdictionPath,
        subject: { officerId: officer.id, username: current.username },
        body: { recoveryCodes: recoveryCodes.length },
      });
      if (!officer.enrolmentPending) return { recoveryCodes };
      // The enrolment completes the sign-in that started it.
      await this.audit.record(m, loginAuditFact(current, true, current.jurisdictionPath));
      return { recoveryCodes, session: await this.tokens.issue(m, current) };
    });
  }
}
