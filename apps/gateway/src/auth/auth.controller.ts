import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
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
import { LoginThrottlerGuard } from './login-throttler.guard';

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
  @ApiProperty({ description: 'the refresh token of the last login or refresh (each is accepted once)' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class TokenDto implements SessionTokensIssued {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`; short-lived' }) accessToken: string;
  @ApiProperty({
    description:
      'exchange at POST /api/v1/auth/refresh for a new pair before the access token expires; single use: ' +
      'presenting a spent one again ends the whole session (reuse detection)',
  })
  refreshToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiPropertyOptional({
    description: 'after an admin password reset: only POST /api/v1/me/password is open until it is changed',
  })
  passwordChangeRequired?: true;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

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
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<TokenDto | LoginStepDto> {
    return this.commands.execute(new LoginCommand(dto.username, dto.password, address, dto.totpCode, dto.recoveryCode));
  }

  @Post('refresh')
  @HttpCode(200)
  @PublicRoute()
  @ApiOkResponse({ type: TokenDto, description: 'a new access token and a new refresh token; the old one is spent' })
  @ApiUnauthorizedResponse({ description: 'unknown, spent, expired or revoked refresh token: sign in again' })
  refresh(@Body() dto: RefreshDto): Promise<TokenDto> {
    return this.commands.execute(new RefreshSessionCommand(dto.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @AllowRoles(...Roles)
  @AllowDuringPasswordChange()
  @AllowDuringEnrolment()
  @ApiNoContentResponse({ description: 'this session ended: its refresh token and access tokens stop working' })
  async logout(@CurrentOfficer() officer: OfficerPrincipal): Promise<void> {
    await this.commands.execute(new LogoutCommand(officer));
  }
}
