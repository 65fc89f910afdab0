import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiOkResponse,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LoginCommand, PublicRoute } from '@jansetu/identity';
import { LoginThrottlerGuard } from './login-throttler.guard';

class LoginDto {
  @ApiProperty({ example: 'sp.patna' }) @IsString() @MinLength(1) @MaxLength(64) username: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) password: string;
}

class TokenDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`' }) accessToken: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Post('login')
  @HttpCode(200)
  @PublicRoute()
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({ description: 'wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts for this username from this address; wait and retry' })
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.commands.execute(new LoginCommand(dto.username, dto.password));
  }
}
