import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  AllowRoles,
  CreateOfficerCommand,
  CurrentOfficer,
  GetOfficerQuery,
  ListOfficersQuery,
  OfficerPosting,
  OfficerPrincipal,
  ResetOfficerPasswordCommand,
  ResetSecondFactorCommand,
  Role,
  ROLE_LEVELS,
  Roles,
  SetOfficerActiveCommand,
  TransferOfficerCommand,
} from '@jansetu/identity';
import { OfficerDto, OfficerPageDto } from './officer.dto';

/** The role × level table, as the API documentation shows it. */
const ROLE_TABLE = Object.entries(ROLE_LEVELS)
  .map(([role, levels]) => `${role} → ${levels.join(' or ')}`)
  .join('; ');
const POSTING_RULE =
  `Role and jurisdiction level must agree (${ROLE_TABLE}; "state" means no jurisdiction code or the state node). ` +
  'A mismatch answers 400 with the reason.';

class CreateOfficerDto {
  @ApiProperty({ example: 'sho.kotwali.patna' }) @Matches(/^[a-z0-9._-]{3,64}$/) username: string;
  @ApiProperty({
    minLength: 12,
    description: 'at least 12 characters, zxcvbn-ts score ≥ 3, no repetition, sequence or own username',
  })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;
  @ApiProperty({ enum: Roles }) @IsIn(Roles) role: Role;
  @ApiPropertyOptional({
    description: 'jurisdiction code; omit only for state-wide HQ admins and auditors',
    example: 'PAT-KOTWALI',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  jurisdictionCode?: string;
  @ApiProperty({ example: 'SHO Kotwali' }) @IsString() @MinLength(1) @MaxLength(120) displayName: string;
}

class ListOfficersDto {
  @ApiPropertyOptional({ description: 'part of a username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;
  @ApiPropertyOptional({ enum: Roles }) @IsOptional() @IsIn(Roles) role?: Role;
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

class ReasonDto {
  @ApiProperty({ example: 'phone reported stolen, FIR 123/2026' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

class TransferDto extends ReasonDto {
  @ApiPropertyOptional({ enum: Roles, description: 'omit to keep the role' }) @IsOptional() @IsIn(Roles) role?: Role;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'the new posting; omit to keep it, null for state-wide',
    example: 'GAYA-TOWN',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  jurisdictionCode?: string | null;
}

class TransferResultDto implements OfficerPosting {
  @ApiProperty() id: string;
  @ApiProperty({ enum: Roles }) role: Role;
  @ApiProperty({ type: String, nullable: true }) jurisdictionCode: string | null;
}

class ActiveResultDto {
  @ApiProperty() id: string;
  @ApiProperty() active: boolean;
}

class ResetResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'shown once; hand it over in person. The officer must change it at next login.' })
  temporaryPassword: string;
}

@ApiTags('officers')
@Controller('api/v1/officers')
export class OfficersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @AllowRoles('hq_admin')
  @ApiOperation({ description: POSTING_RULE })
  @ApiCreatedResponse({ description: 'the new officer id' })
  @ApiBadRequestResponse({ description: 'weak password, or role and jurisdiction level disagree' })
  create(@CurrentOfficer() actor: OfficerPrincipal, @Body() dto: CreateOfficerDto): Promise<{ id: string }> {
    return this.commands.execute(
      new CreateOfficerCommand(
        dto.username,
        dto.password,
        dto.role,
        dto.jurisdictionCode ?? null,
        dto.displayName,
        actor,
      ),
    );
  }

  @Get()
  @AllowRoles('hq_admin', 'district_admin', 'auditor')
  @ApiOperation({ description: 'HQ sees every officer; district admins and auditors those posted in their area' })
  @ApiOkResponse({ type: OfficerPageDto })
  list(@CurrentOfficer() actor: OfficerPrincipal, @Query() dto: ListOfficersDto): Promise<OfficerPageDto> {
    return this.queries.execute(
      new ListOfficersQuery(actor, {
        text: dto.q,
        role: dto.role,
        active: dto.active,
        limit: dto.limit ?? 50,
        offset: dto.offset ?? 0,
      }),
    );
  }

  @Get(':id')
  @AllowRoles('hq_admin', 'district_admin', 'auditor')
  @ApiOkResponse({ type: OfficerDto })
  @ApiNotFoundResponse({ description: 'no such officer, or one outside your jurisdiction' })
  get(@CurrentOfficer() actor: OfficerPrincipal, @Param('id') id: string): Promise<OfficerDto> {
    return this.queries.execute(new GetOfficerQuery(actor, id));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @AllowRoles('hq_admin', 'district_admin')
  @ApiOperation({ description: 'every session of the officer ends: their tokens are refused on the next request' })
  @ApiOkResponse({ type: ActiveResultDto })
  disable(
    @CurrentOfficer() actor: OfficerPrincipal,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
  ): Promise<ActiveResultDto> {
    return this.commands.execute(new SetOfficerActiveCommand(actor, id, false, dto.reason));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @AllowRoles('hq_admin', 'district_admin')
  @ApiOkResponse({ type: ActiveResultDto })
  enable(
    @CurrentOfficer() actor: OfficerPrincipal,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
  ): Promise<ActiveResultDto> {
    return this.commands.execute(new SetOfficerActiveCommand(actor, id, true, dto.reason));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @AllowRoles('hq_admin', 'district_admin')
  @ApiOperation({ description: `${POSTING_RULE} The officer's sessions end; they sign in again into the new posting.` })
  @ApiOkResponse({ type: TransferResultDto })
  @ApiBadRequestResponse({ description: 'role and jurisdiction level disagree, or nothing to change' })
  transfer(
    @CurrentOfficer() actor: OfficerPrincipal,
    @Param('id') id: string,
    @Body() dto: TransferDto,
  ): Promise<TransferResultDto> {
    return this.commands.execute(new TransferOfficerCommand(actor, id, dto.role, dto.jurisdictionCode, dto.reason));
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @AllowRoles('hq_admin', 'district_admin')
  @ApiOperation({ description: 'a one-time password; the officer’s sessions end and the next login must change it' })
  @ApiOkResponse({ type: ResetResultDto })
  resetPassword(
    @CurrentOfficer() actor: OfficerPrincipal,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
  ): Promise<ResetResultDto> {
    return this.commands.execute(new ResetOfficerPasswordCommand(actor, id, dto.reason));
  }

  @Post(':id/second-factor-reset')
  @HttpCode(200)
  @AllowRoles('hq_admin', 'district_admin')
  @ApiOperation({
    description:
      'clears the authenticator and recovery codes (a lost phone); the officer’s sessions end, and a role that ' +
      'requires a second factor enrols again at the next sign-in',
  })
  @ApiOkResponse({ description: 'the officer id' })
  resetSecondFactor(
    @CurrentOfficer() actor: OfficerPrincipal,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
  ): Promise<{ id: string }> {
    return this.commands.execute(new ResetSecondFactorCommand(actor, id, dto.reason));
  }
}
