import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import {
  ClusterView,
  CloseRumourCommand,
  ListClustersQuery,
  ListRumoursQuery,
  MarkRumourCommand,
  RumourRow,
} from '@jansetu/rumours';
import { MAX_OFFSET, Nested, PageOffset } from '../validation';

/** Who marks rumours: a rebuttal is answered automatically to everyone who forwards it, a public statement. */
const MARKERS = ['hq_admin', 'district_admin'] as const;

class RebuttalDto {
  @ApiProperty({ example: 'बच्चा चोरी की खबर झूठी है। किसी को भीड़ बनाकर न पीटें, 112 पर सूचना दें।' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  hi: string;
  @ApiPropertyOptional({ example: 'The child-lifting story is false. Call 112; never join a mob.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  en?: string;
}

class MarkRumourDto {
  @ApiProperty({ description: 'a sample of the rumour as it is forwarded' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  sample: string;
  @ApiProperty({ type: RebuttalDto }) @Nested(() => RebuttalDto) rebuttal: RebuttalDto;
  @ApiPropertyOptional({ description: 'whose rumour it is (default: your own jurisdiction)', example: 'SAM' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  jurisdictionCode?: string;
}

class MarkClusterDto {
  @ApiProperty({ type: RebuttalDto }) @Nested(() => RebuttalDto) rebuttal: RebuttalDto;
  @ApiPropertyOptional({ description: 'default: the newest forwarded text of the cluster' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  sample?: string;
  @ApiPropertyOptional({ example: 'SAM' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  jurisdictionCode?: string;
}

class ListRumoursDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET }) @IsOptional() @PageOffset() offset?: number;
}

class ListClustersDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 24, description: 'reports of the last so many hours' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  hours?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

@ApiTags('rumours')
class RumourView implements RumourRow {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) jurisdictionPath: string | null;
  @ApiProperty({ description: 'the rumour as it is forwarded' }) sample: string;
  @ApiProperty({ type: RebuttalDto }) rebuttal: { hi: string; en?: string };
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty({ nullable: true, type: String }) clusterId: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}

class DistrictCountDto {
  @ApiProperty({ nullable: true, type: String, description: 'null: the district is unknown' }) code: string | null;
  @ApiProperty() reports: number;
  @ApiProperty() senders: number;
}

class HourCountDto {
  @ApiProperty() hour: string;
  @ApiProperty() reports: number;
}

class ClusterRumourDto {
  @ApiProperty() id: string;
  @ApiProperty() status: string;
}

class ClusterViewDto implements ClusterView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'the newest readable forwarded text in your area' })
  sample: string | null;
  @ApiProperty() reports: number;
  @ApiProperty({ description: 'distinct senders' }) senders: number;
  @ApiProperty() firstSeenAt: string;
  @ApiProperty() lastSeenAt: string;
  @ApiProperty({ type: [DistrictCountDto], description: 'in your area, most first' }) byDistrict: DistrictCountDto[];
  @ApiProperty({ type: [HourCountDto] }) byHour: HourCountDto[];
  @ApiProperty({ type: [String], description: 'the districts to answer with one broadcast' }) districtCodes: string[];
  @ApiProperty({ type: ClusterRumourDto, nullable: true, description: 'set once marked' })
  rumour: ClusterRumourDto | null;
}

class ClosedRumourDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['closed'] }) status: 'closed';
}

@Controller('api/v1/rumours')
export class RumoursController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @AllowRoles(...MARKERS)
  @ApiCreatedResponse({
    type: RumourView,
    description: 'citizens who forward a near-duplicate of the sample get the rebuttal at once',
  })
  mark(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: MarkRumourDto): Promise<RumourRow> {
    return this.commands.execute(
      new MarkRumourCommand(officer, {
        sample: dto.sample,
        clusterId: null,
        rebuttal: dto.rebuttal,
        jurisdictionCode: dto.jurisdictionCode ?? null,
      }),
    );
  }

  @Get()
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: [RumourView], description: 'marked rumours of your area and above it, newest first' })
  list(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: ListRumoursDto): Promise<RumourRow[]> {
    return this.queries.execute(new ListRumoursQuery(officer, q.status ?? null, q.limit ?? 50, q.offset ?? 0));
  }

  @Get('clusters')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    type: [ClusterViewDto],
    description:
      'forwarded texts grouped by near-duplicate text, counted in your area by district and by hour; ' +
      'districtCodes are the districts to answer with one broadcast',
  })
  clusters(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: ListClustersDto): Promise<ClusterView[]> {
    return this.queries.execute(new ListClustersQuery(officer, q.hours ?? 24, q.limit ?? 50));
  }

  @Post('clusters/:id/mark')
  @AllowRoles(...MARKERS)
  @ApiCreatedResponse({ type: RumourView })
  markCluster(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MarkClusterDto,
  ): Promise<RumourRow> {
    return this.commands.execute(
      new MarkRumourCommand(officer, {
        sample: dto.sample ?? null,
        clusterId: id,
        rebuttal: dto.rebuttal,
        jurisdictionCode: dto.jurisdictionCode ?? null,
      }),
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @AllowRoles(...MARKERS)
  @ApiOkResponse({ type: ClosedRumourDto, description: 'no more automatic rebuttals for it' })
  close(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.commands.execute(new CloseRumourCommand(officer, id));
  }
}
