import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import {
  ImportJurisdictionsCommand,
  ImportPreview,
  ImportResult,
  JurisdictionSearchHit,
  JurisdictionView,
  Level,
  Levels,
  ListJurisdictionsQuery,
  ListSubtreeQuery,
  PreviewJurisdictionImportQuery,
  SearchJurisdictionsQuery,
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

  @ApiPropertyOptional({
    description:
      'answer what the import would create, update and leave unchanged, and every faulty line; change nothing',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

class SearchDto {
  @ApiProperty({ description: 'part of a name in Hindi or English, or of a code', example: 'सिंघिया' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(80)
  q: string;
}

class NodeFieldsDto {
  @ApiProperty({ type: String, nullable: true }) parentCode: string | null;
  @ApiProperty({ enum: Levels }) level: Level;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameHi: string;
}

class StagedChangeDto {
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] }) change: 'created' | 'updated' | 'unchanged';
  @ApiProperty() code: string;
  @ApiProperty({ type: NodeFieldsDto, description: 'the row as imported' }) to: NodeFieldsDto;
  @ApiProperty({ type: NodeFieldsDto, nullable: true, description: 'the node as it is now (null when new)' })
  from: NodeFieldsDto | null;
}

class RowErrorDto {
  @ApiProperty({ example: 'line 3' }) at: string;
  @ApiProperty({ example: 'parent XX is unknown' }) reason: string;
}

class ImportPreviewDto {
  @ApiProperty({ enum: [true] }) dryRun: true;
  @ApiProperty({ description: 'false when a row is faulty: the import would be refused whole' }) applicable: boolean;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [StagedChangeDto], description: 'at most 500 of each kind' }) changes: StagedChangeDto[];
  @ApiProperty({ type: [RowErrorDto] }) errors: RowErrorDto[];
}

class JurisdictionViewDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) parentCode: string | null;
  @ApiProperty({ enum: Levels }) level: Level;
  @ApiProperty() nameEn: string;
  @ApiProperty() nameHi: string;
}

class SearchHitDto extends JurisdictionViewDto {
  @ApiProperty({ type: String, nullable: true }) parentNameEn: string | null;
  @ApiProperty({ type: String, nullable: true }) parentNameHi: string | null;
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
  @ApiExtraModels(ImportResultDto, ImportPreviewDto)
  @ApiCreatedResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(ImportResultDto) }, { $ref: getSchemaPath(ImportPreviewDto) }] },
    description: 'idempotent: importing the same rows again changes nothing; with dryRun, the diff and nothing changed',
  })
  import(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Body() dto: ImportJurisdictionsDto,
  ): Promise<ImportResult | ImportPreview> {
    const rows = dto.csv !== undefined ? { csv: dto.csv } : dto.rows!;
    if (dto.dryRun) return this.queries.execute(new PreviewJurisdictionImportQuery(rows));
    return this.commands.execute(new ImportJurisdictionsCommand(rows, officer));
  }

  @Get('search')
  @AllowRoles(...OperationalRoles, 'auditor')
  @ApiOkResponse({ type: [SearchHitDto], description: 'up to 20 nodes within your jurisdiction, best matches first' })
  search(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: SearchDto): Promise<JurisdictionSearchHit[]> {
    return this.queries.execute(new SearchJurisdictionsQuery(q.q, officer.jurisdictionPath));
  }

  @Get()
  @AllowRoles(...OperationalRoles, 'auditor')
  @ApiQuery({ name: 'parent', required: false, description: 'code of the parent; omit for the roots' })
  @ApiOkResponse({ type: [JurisdictionViewDto] })
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
