import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JurisdictionLookupModule } from '@jansetu/jurisdiction';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { BootstrapAdmin } from './auth/bootstrap-admin';
import { OfficerAuthGuard } from './auth/officer-auth.guard';
import { CreateOfficerHandler } from './commands/create-officer/create-officer.handler';
import { LoginHandler } from './commands/login/login.handler';
import { Officer } from './domain/officer.entity';
import { OfficerRepository } from './persistence/officer.repository';

export const IdentityCommandHandlers = [CreateOfficerHandler, LoginHandler];

/** Officer identity for the processes that need it (gateway, CLI). */
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
  providers: [OfficerRepository, ...IdentityCommandHandlers],
  exports: [JwtModule, OfficerRepository],
})
export class IdentityModule {}

/** Adds the global officer guard and the first admin; imported by the HTTP gateway only. */
@Module({
  imports: [IdentityModule],
  providers: [{ provide: APP_GUARD, useClass: OfficerAuthGuard }, BootstrapAdmin],
})
export class IdentityHttpModule {}
