import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  AllowDuringPasswordChange,
  AllowRoles,
  CurrentOfficer,
  LoginCommand,
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
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'wrong username or password' })
  @ApiTooManyRequestsResponse({
    description:
      'too many failed attempts for this username, or from this address for usernames never signed in from it; ' +
      'wait Retry-After seconds',
  })
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<TokenDto> {
    return this.commands.execute(new LoginCommand(dto.username, dto.password, address));
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
  @ApiNoContentResponse({ description: 'this session ended: its refresh token and access tokens stop working' })
  async logout(@CurrentOfficer() officer: OfficerPrincipal): Promise<void> {
    await this.commands.execute(new LogoutCommand(officer));
  }
}
