import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import {
  ImportJurisdictionsCommand,
  ImportResult,
  JurisdictionView,
  Level,
  Levels,
  ListJurisdictionsQuery,
  ListSubtreeQuery,
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
  @MaxLength(100_000)
  csv?: string;
}

class SubtreeDto {
  @ApiPropertyOptional({ enum: Levels, description: 'only nodes of this level, e.g. the stations of a district' })
  @IsOptional()
  @IsIn(Levels)
  level?: Level;
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
  import(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: ImportJurisdictionsDto): Promise<ImportResult> {
    const rows = dto.csv !== undefined ? parseJurisdictionCsv(dto.csv) : dto.rows!;
    return this.commands.execute(new ImportJurisdictionsCommand(rows, officer));
  }

  @Get()
  @AllowRoles(...OperationalRoles, 'auditor')
  @ApiQuery({ name: 'parent', required: false, description: 'code of the parent; omit for the roots' })
  list(@CurrentOfficer() officer: OfficerPrincipal, @Query('parent') parent?: string): Promise<JurisdictionView[]> {
    return this.queries.execute(new ListJurisdictionsQuery(parent ?? null, officer.jurisdictionPath));
  }

  @Get(':code/subtree')
  @AllowRoles(...OperationalRoles, 'auditor')
  @ApiOkResponse({ description: 'the node and everything below it (up to 5,000 nodes), within your jurisdiction' })
  subtree(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('code') code: string,
    @Query() q: SubtreeDto,
  ): Promise<JurisdictionView[]> {
    return this.queries.execute(new ListSubtreeQuery(code, officer.jurisdictionPath, q.level ?? null));
  }
}
