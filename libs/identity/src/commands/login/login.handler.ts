import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { APP_CONFIG, AppConfig, DomainError } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { LoginThrottle } from '../../auth/login-throttle';
import { loginAuditFact } from '../../domain/login-outcome';
import { Officer } from '../../domain/officer.entity';
import { decoyHash, verifyPassword } from '../../domain/password';
import { recoveryCodeHash, secondFactorNeed, stepIsFresh } from '../../domain/second-factor';
import { OfficerRepository } from '../../persistence/officer.repository';
import { LoginResult, SessionTokens } from '../../sessions/session-tokens';
import { Totp } from '../../sessions/totp';
import { LoginCommand } from './login.command';

const invalid = () => new DomainError('invalid_credentials', 'wrong username or password / गलत यूज़रनेम या पासवर्ड', 401);
const wrongCode = () =>
  new DomainError('invalid_second_factor', 'wrong or used code / कोड गलत है या पहले ही उपयोग हो चुका है', 401);

@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditRecorder,
    private readonly throttle: LoginThrottle,
    private readonly totp: Totp,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: LoginCommand): Promise<LoginResult> {
    const officer = await this.officers.findActiveWithHash(cmd.username);
    // An unknown username costs as long as a wrong password.
    const ok = await verifyPassword(officer?.passwordHash ?? (await decoyHash()), cmd.password);
    const path = officer?.jurisdictionPath ?? null;
    if (!officer || !ok) {
      await this.dataSource.transaction((m) => this.audit.record(m, loginAuditFact(officer, false, path)));
      await this.record(cmd, false);
      throw invalid();
    }
    const need = secondFactorNeed(officer.role, officer.totpEnabledAt !== null, this.config.TOTP_REQUIRED_ROLES);
    if (need === 'enrolment') {
      // The first sign-in of a role that needs a second factor (the bootstrap admin included): enrol, then in.
      return {
        step: 'totp_enrolment_required',
        message:
          'enrol an authenticator app: POST /api/v1/me/totp/enrol, then /confirm / ' +
          'ऑथेंटिकेटर ऐप जोड़ें: POST /api/v1/me/totp/enrol, फिर /confirm',
        enrolmentToken: await this.tokens.enrolmentToken(officer),
      };
    }
    if (need === 'code' && !cmd.totpCode && !cmd.recoveryCode) {
      return {
        step: 'totp_required',
        message: 'send the 6-digit code of your authenticator app as totpCode / ऑथेंटिकेटर ऐप का 6 अंकों का कोड भेजें',
      };
    }
    const issued = await this.dataSource.transaction(async (m) => {
      if (need === 'code' && !(await this.secondFactorOk(m, officer, cmd))) return null;
      await this.audit.record(m, loginAuditFact(officer, true, path));
      return this.tokens.issue(m, officer);
    });
    if (!issued) {
      await this.dataSource.transaction((m) =>
        this.audit.record(m, {
          ...loginAuditFact(officer, false, path),
          body: { reason: 'wrong_second_factor' },
        }),
      );
      await this.record(cmd, false);
      throw wrongCode();
    }
    await this.record(cmd, true);
    return issued;
  }

  private async secondFactorOk(m: EntityManager, officer: Officer, cmd: LoginCommand): Promise<boolean> {
    const locked = await this.officers.lockWithSecondFactor(m, officer.id);
    if (!locked?.totpSecretSealed) return false;
    if (cmd.totpCode) {
      const step = await this.totp.check(locked.totpSecretSealed, cmd.totpCode);
      if (step === null || !stepIsFresh(step, locked.totpLastStep === null ? null : Number(locked.totpLastStep))) {
        return false;
      }
      await this.officers.acceptTotpStep(m, officer.id, step);
      return true;
    }
    const left = await this.officers.spendRecoveryCode(m, officer.id, recoveryCodeHash(cmd.recoveryCode ?? ''));
    if (left === null) return false;
    await this.audit.record(m, {
      chainId: `officer:${officer.id}`,
      type: 'officer.recovery_code_used',
      actor: SYSTEM_ACTOR,
      jurisdictionPath: officer.jurisdictionPath,
      subject: { officerId: officer.id, username: officer.username },
      body: { remaining: left },
    });
    return true;
  }

  private async record(cmd: LoginCommand, ok: boolean): Promise<void> {
    if (cmd.address !== undefined) await this.throttle.record(cmd.username, cmd.address, ok);
  }
}
