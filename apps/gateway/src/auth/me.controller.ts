import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  AllowDuringPasswordChange,
  AllowRoles,
  ChangePasswordCommand,
  CurrentOfficer,
  GetOfficerQuery,
  OfficerPrincipal,
  Roles,
} from '@jansetu/identity';
import { OfficerDto } from '../admin/officer.dto';
import { TokenDto } from './auth.controller';

class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) currentPassword: string;
  @ApiProperty({
    minLength: 12,
    description:
      'at least 12 characters, not a common password, sequence or repetition, not containing your username ' +
      '(zxcvbn-ts score 3 or more)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  newPassword: string;
}

@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @AllowRoles(...Roles)
  @AllowDuringPasswordChange()
  @ApiOkResponse({ type: OfficerDto, description: 'the signed-in officer’s account and posting' })
  me(@CurrentOfficer() officer: OfficerPrincipal): Promise<OfficerDto> {
    return this.queries.execute(new GetOfficerQuery(officer, officer.id));
  }

  @Post('password')
  @HttpCode(200)
  @AllowRoles(...Roles)
  @AllowDuringPasswordChange()
  @ApiOkResponse({
    type: TokenDto,
    description: 'password changed; every other session ended, and this device gets a fresh session',
  })
  changePassword(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: ChangePasswordDto): Promise<TokenDto> {
    return this.commands.execute(new ChangePasswordCommand(officer, dto.currentPassword, dto.newPassword));
  }
}
