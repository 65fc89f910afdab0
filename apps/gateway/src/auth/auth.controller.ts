import { Body, Controller, HttpCode, Inject, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  AllowDuringEnrolment,
  AllowDuringPasswordChange,
  AllowRoles,
  CurrentOfficer,
  LoginCommand,
  LoginStep,
  LogoutCommand,
  OfficerPrincipal,
  PublicRoute,
  RefreshSessionCommand,
  Roles,
  SessionTokensIssued,
} from '@jansetu/identity';
import { APP_CONFIG, AppConfig, ForbiddenError } from '@jansetu/platform';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { clearRefreshCookie, REFRESH_HEADER, refreshCookieOf, setRefreshCookie } from './refresh-cookie';

class LoginDto {
  @ApiProperty({ example: 'sp.patna' }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) password: string;
  @ApiPropertyOptional({ description: 'the 6-digit code of the authenticator app, once enrolled', example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  totpCode?: string;
  @ApiPropertyOptional({ description: 'or a one-time recovery code (lost phone)', example: 'abcde-fghjk' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  recoveryCode?: string;
}

export class LoginStepDto implements LoginStep {
  @ApiProperty({
    enum: ['totp_required', 'totp_enrolment_required'],
    description:
      'totp_required: send the login again with totpCode (or recoveryCode). totp_enrolment_required (hq_admin, ' +
      'district_admin and auditor must have a second factor; TOTP_REQUIRED_ROLES): with enrolmentToken as the ' +
      'Bearer token, POST /api/v1/me/totp/enrol, then /api/v1/me/totp/confirm, which answers the session',
  })
  step: 'totp_required' | 'totp_enrolment_required';
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'for totp_enrolment_required: opens the enrolment routes only, for 10 minutes' })
  enrolmentToken?: string;
}

class RefreshDto {
  @ApiPropertyOptional({
    description:
      'the refresh token of the last login or refresh (each is accepted once); absent: the jansetu_refresh ' +
      'cookie is used, and then the X-JanSetu-Refresh header is required',
  })
  // Absent means "use the cookie"; null is not absent (IsOptional would let it through to the command as a token).
  @ValidateIf((o: RefreshDto) => o.refreshToken !== undefined)
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

/** The console's header: sent with it, the refresh token travels in the httpOnly cookie only, never in a body. */
const CookieSessionHeader = () =>
  ApiHeader({
    name: 'X-JanSetu-Refresh',
    required: false,
    description:
      '1: keep the refresh token in the httpOnly cookie only (the answer omits refreshToken); on /auth/refresh, ' +
      'required to spend the cookie (CSRF defence)',
  });

export class TokenDto implements Omit<SessionTokensIssued, 'refreshToken'> {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`; short-lived' }) accessToken: string;
  @ApiPropertyOptional({
    description:
      'exchange at POST /api/v1/auth/refresh for a new pair before the access token expires; single use: ' +
      'presenting a spent one again ends the whole session (reuse detection). Also set as the httpOnly cookie ' +
      'jansetu_refresh (Path=/api/v1/auth, SameSite=Strict); absent from the body when X-JanSetu-Refresh was sent',
  })
  refreshToken?: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiPropertyOptional({
    description: 'after an admin password reset: only POST /api/v1/me/password is open until it is changed',
  })
  passwordChangeRequired?: true;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @PublicRoute()
  @UseGuards(LoginThrottlerGuard)
  @ApiExtraModels(TokenDto, LoginStepDto)
  @ApiOkResponse({
    description: 'the session, or the second-factor step still missing',
    schema: { oneOf: [{ $ref: getSchemaPath(TokenDto) }, { $ref: getSchemaPath(LoginStepDto) }] },
  })
  @ApiUnauthorizedResponse({ description: 'wrong username or password, or wrong or used code' })
  @ApiTooManyRequestsResponse({
    description:
      'too many failed attempts for this username, or from this address for usernames never signed in from it; ' +
      'wait Retry-After seconds',
  })
  @CookieSessionHeader()
  async login(
    @Body() dto: LoginDto,
    @Ip() address: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenDto | LoginStepDto> {
    const answer = await this.commands.execute(
      new LoginCommand(dto.username, dto.password, address, dto.totpCode, dto.recoveryCode),
    );
    return 'accessToken' in answer ? sessionAnswer(req, res, answer, this.config) : answer;
  }

  @Post('refresh')
  @HttpCode(200)
  @PublicRoute()
  @ApiOkResponse({ type: TokenDto, description: 'a new access token and a new refresh token; the old one is spent' })
  @ApiUnauthorizedResponse({ description: 'unknown, spent, expired or revoked refresh token: sign in again' })
  @ApiForbiddenResponse({ description: 'the cookie was presented without the X-JanSetu-Refresh header' })
  @CookieSessionHeader()
  async refresh(
    @Body() dto: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenDto> {
    let token = dto.refreshToken;
    if (token === undefined) {
      // The cookie is sent by the browser on its own; only a script of this origin can add the header (no CORS).
      if (req.get(REFRESH_HEADER) !== '1') {
        throw new ForbiddenError(
          'a cookie refresh needs the X-JanSetu-Refresh: 1 header / कुकी से नवीनीकरण के लिए X-JanSetu-Refresh हेडर चाहिए',
        );
      }
      token = refreshCookieOf(req) ?? '';
    }
    try {
      const issued = await this.commands.execute(new RefreshSessionCommand(token));
      return sessionAnswer(req, res, issued, this.config);
    } catch (e) {
      if (dto.refreshToken === undefined) clearRefreshCookie(req, res);
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @AllowRoles(...Roles)
  @AllowDuringPasswordChange()
  @AllowDuringEnrolment()
  @ApiNoContentResponse({ description: 'this session ended: its refresh token and access tokens stop working' })
  async logout(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.commands.execute(new LogoutCommand(officer));
    clearRefreshCookie(req, res);
  }
}

/**
 * A session issued (login, refresh, second-factor confirmation, password change): the refresh token goes into the
 * httpOnly cookie, and stays in the body only for API clients that did not ask for the cookie alone.
 */
export function sessionAnswer(req: Request, res: Response, issued: SessionTokensIssued, config: AppConfig): TokenDto {
  setRefreshCookie(req, res, issued.refreshToken, config.REFRESH_TOKEN_TTL_SECONDS);
  if (req.get(REFRESH_HEADER) !== '1') return issued;
  const { refreshToken: _kept, ...rest } = issued;
  void _kept;
  return rest;
}
