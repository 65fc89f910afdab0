import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  AllowDuringEnrolment,
  AllowDuringPasswordChange,
  ConfirmTotpCommand,
  EnrolTotpCommand,
  AllowRoles,
  ChangePasswordCommand,
  CurrentOfficer,
  GetOfficerQuery,
  OfficerPrincipal,
  Roles,
} from '@jansetu/identity';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { OfficerDto } from '../admin/officer.dto';
import { toString as toQrSvg } from 'qrcode';
import { sessionAnswer, TokenDto } from './auth.controller';

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

class TotpCodeDto {
  @ApiProperty({ example: '123456' }) @Matches(/^\d{6}$/) code: string;
}

class TotpEnrolmentDto {
  @ApiProperty({ description: 'base32 secret, shown once: type it into the authenticator app' }) secret: string;
  @ApiProperty({ description: 'otpauth:// URI for a QR code' }) otpauthUri: string;
  @ApiProperty({ description: 'the same URI as an SVG QR code, for the authenticator app to scan' }) qrSvg: string;
}

class TotpConfirmedDto {
  @ApiProperty({ type: [String], description: 'shown once; each signs in once instead of a code' })
  recoveryCodes: string[];
  @ApiPropertyOptional({ type: TokenDto, description: 'with an enrolment token: the session of that sign-in' })
  session?: TokenDto;
}

@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @AllowRoles(...Roles)
  @AllowDuringPasswordChange()
  @AllowDuringEnrolment()
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
  async changePassword(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenDto> {
    const issued = await this.commands.execute(
      new ChangePasswordCommand(officer, dto.currentPassword, dto.newPassword),
    );
    return sessionAnswer(req, res, issued, this.config);
  }

  @Post('totp/enrol')
  @HttpCode(200)
  @AllowRoles(...Roles)
  @AllowDuringEnrolment()
  @ApiOkResponse({ type: TotpEnrolmentDto, description: 'a new secret (pending until confirmed)' })
  @ApiConflictResponse({ description: 'a second factor is already set up (an admin resets it)' })
  async enrolTotp(@CurrentOfficer() officer: OfficerPrincipal): Promise<TotpEnrolmentDto> {
    const enrolment: { secret: string; otpauthUri: string } = await this.commands.execute(
      new EnrolTotpCommand(officer),
    );
    const qrSvg = await toQrSvg(enrolment.otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { ...enrolment, qrSvg };
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @AllowRoles(...Roles)
  @AllowDuringEnrolment()
  @ApiOkResponse({ type: TotpConfirmedDto })
  async confirmTotp(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Body() dto: TotpCodeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TotpConfirmedDto> {
    const confirmed = await this.commands.execute(new ConfirmTotpCommand(officer, dto.code));
    return confirmed.session
      ? { ...confirmed, session: sessionAnswer(req, res, confirmed.session, this.config) }
      : confirmed;
  }
}
