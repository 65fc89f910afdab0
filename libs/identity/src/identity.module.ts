import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JurisdictionLookupModule } from '@jansetu/jurisdiction';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { BootstrapAdmin } from './auth/bootstrap-admin';
import { LoginThrottle } from './auth/login-throttle';
import { OfficerAuthGuard } from './auth/officer-auth.guard';
import { ConfirmTotpHandler } from './commands/confirm-totp/confirm-totp.handler';
import { EnrolTotpHandler } from './commands/enrol-totp/enrol-totp.handler';
import { ChangePasswordHandler } from './commands/change-password/change-password.handler';
import { CreateOfficerHandler } from './commands/create-officer/create-officer.handler';
import { LoginHandler } from './commands/login/login.handler';
import { LogoutHandler } from './commands/logout/logout.handler';
import { RefreshSessionHandler } from './commands/refresh-session/refresh-session.handler';
import { ResetSecondFactorHandler } from './commands/reset-second-factor/reset-second-factor.handler';
import { ResetOfficerPasswordHandler } from './commands/reset-officer-password/reset-officer-password.handler';
import { SetOfficerActiveHandler } from './commands/set-officer-active/set-officer-active.handler';
import { TransferOfficerHandler } from './commands/transfer-officer/transfer-officer.handler';
import { Officer } from './domain/officer.entity';
import { MoveOfficerPathsOnJurisdictionMoved } from './event-handlers/move-paths-on-jurisdiction-moved.event-handler';
import { OfficerRepository } from './persistence/officer.repository';
import { SessionRepository } from './persistence/session.repository';
import { GetOfficerHandler } from './queries/get-officer/get-officer.handler';
import { ListOfficersHandler } from './queries/list-officers/list-officers.handler';
import { SessionCheck } from './sessions/session-check';
import { SessionTokens } from './sessions/session-tokens';
import { Totp } from './sessions/totp';

export const IdentityCommandHandlers = [
  CreateOfficerHandler,
  LoginHandler,
  RefreshSessionHandler,
  LogoutHandler,
  SetOfficerActiveHandler,
  TransferOfficerHandler,
  ResetOfficerPasswordHandler,
  ChangePasswordHandler,
  EnrolTotpHandler,
  ConfirmTotpHandler,
  ResetSecondFactorHandler,
];
export const IdentityQueryHandlers = [ListOfficersHandler, GetOfficerHandler];

/** Officer identity for the processes that need it (gateway, CLI, the dispatcher for its event handlers). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Officer]),
    JurisdictionLookupModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        secret: c.JWT_SECRET,
        signOptions: { expiresIn: c.JWT_TTL_SECONDS, issuer: 'jansetu', algorithm: 'HS256' },
        verifyOptions: { issuer: 'jansetu', algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    OfficerRepository,
    SessionRepository,
    SessionTokens,
    SessionCheck,
    LoginThrottle,
    Totp,
    MoveOfficerPathsOnJurisdictionMoved,
    ...IdentityCommandHandlers,
    ...IdentityQueryHandlers,
  ],
  exports: [JwtModule, OfficerRepository, SessionCheck, LoginThrottle],
})
export class IdentityModule {}

/** Adds the global officer guard and the first admin; imported by the HTTP gateway only. */
@Module({
  imports: [IdentityModule],
  providers: [{ provide: APP_GUARD, useClass: OfficerAuthGuard }, BootstrapAdmin],
  exports: [IdentityModule],
})
export class IdentityHttpModule {}
