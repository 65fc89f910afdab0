import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, ValidateIf } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import {
  ImportJurisdictionsCommand,
  ImportResult,
  JurisdictionView,
  ListJurisdictionsQuery,
  parseJurisdictionCsv,
} from '@jansetu/jurisdiction';

class ImportJurisdictionsDto {
  @ApiPropertyOptional({
    description:
      'rows: {code, parentCode, level, nameEn, nameHi}; level is state, district, subdivision, station or locality',
    type: 'array',
    items: { type: 'object' },
  })
  @ValidateIf((o: ImportJurisdictionsDto) => o.csv === undefined)
  @IsArray()
  rows?: unknown[];

  @ApiPropertyOptional({ description: 'CSV text with header code,parent_code,level,name_en,name_hi (instead of rows)' })
  @IsOptional()
  @IsString()
  csv?: string;
}

class ImportResultDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
}

@ApiTags('jurisdictions')
@Controller('api/v1/jurisdictions')
export class JurisdictionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('import')
  @AllowRoles('hq_admin')
  @ApiOkResponse({ type: ImportResultDto, description: 'idempotent: importing the same rows again changes nothing' })
  import(@Body() dto: ImportJurisdictionsDto): Promise<ImportResult> {
    const rows = dto.csv !== undefined ? parseJurisdictionCsv(dto.csv) : dto.rows!;
    return this.commands.execute(new ImportJurisdictionsCommand(rows));
  }

  @Get()
  @AllowRoles(...OperationalRoles, 'auditor')
  @ApiQuery({ name: 'parent', required: false, description: 'code of the parent; omit for the roots' })
  list(@CurrentOfficer() officer: OfficerPrincipal, @Query('parent') parent?: string): Promise<JurisdictionView[]> {
    return this.queries.execute(new ListJurisdictionsQuery(parent ?? null, officer.jurisdictionPath));
  }
}
