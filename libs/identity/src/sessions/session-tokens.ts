import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { TokenClaims } from '../auth/token-claims';
import { Officer } from '../domain/officer.entity';
import { randomUUID } from 'node:crypto';
import { newRefreshToken } from '../domain/refresh-token';
import { SessionRepository } from '../persistence/session.repository';

export interface SessionTokensIssued {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: number;
  /** True after an admin's password reset: only `POST /api/v1/me/password` is open until the password is changed. */
  passwordChangeRequired?: true;
}

/** What a login answers instead of tokens while a second factor is missing. */
export interface LoginStep {
  step: 'totp_required' | 'totp_enrolment_required';
  message: string;
  /** For `totp_enrolment_required`: a 10-minute token for POST /api/v1/me/totp/enrol and /confirm only. */
  enrolmentToken?: string;
}

export type LoginResult = SessionTokensIssued | LoginStep;

export const ENROLMENT_TOKEN_SECONDS = 600;

/** Issues an access token and a refresh token (stored hashed) for one session family, in the caller's transaction. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A short token that can only enrol a second factor (no refresh token, no session row). */
  enrolmentToken(officer: Officer): Promise<string> {
    const claims: TokenClaims = {
      sub: officer.id,
      usr: officer.username,
      role: officer.role,
      node: officer.jurisdictionNodeId,
      path: officer.jurisdictionPath,
      ver: officer.sessionVersion,
      sid: randomUUID(),
      enr: true,
    };
    return this.jwt.signAsync(claims, { expiresIn: ENROLMENT_TOKEN_SECONDS });
  }

  async issue(m: EntityManager, officer: Officer, familyId?: string): Promise<SessionTokensIssued> {
    const refresh = newRefreshToken();
    const sid = familyId ?? refresh.sessionId;
    await this.sessions.insert(m, {
      id: refresh.sessionId,
      familyId: sid,
      officerId: officer.id,
      tokenHash: refresh.hash,
      ttlSeconds: this.config.REFRESH_TOKEN_TTL_SECONDS,
    });
    const claims: TokenClaims = {
      sub: officer.id,
      usr: officer.username,
      role: officer.role,
      node: officer.jurisdictionNodeId,
      path: officer.jurisdictionPath,
      ver: officer.sessionVersion,
      sid,
      ...(officer.mustChangePassword ? { pwc: true as const } : {}),
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken: refresh.token,
      expiresIn: this.config.JWT_TTL_SECONDS,
      ...(officer.mustChangePassword ? { passwordChangeRequired: true as const } : {}),
    };
  }
}
