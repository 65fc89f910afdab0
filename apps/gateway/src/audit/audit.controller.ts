import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { AuditEvent, SearchAuditEventsQuery } from '@jansetu/audit';
import { AllowRoles, CurrentOfficer, OfficerPrincipal } from '@jansetu/identity';

class SearchAuditDto {
  @ApiPropertyOptional({ description: 'from (inclusive), ISO 8601' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;
  @ApiPropertyOptional({ description: 'to (exclusive), ISO 8601' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @ApiPropertyOptional({ example: 'broadcast.created' }) @IsOptional() @IsString() type?: string;
  @ApiPropertyOptional({ description: 'only events about this broadcast' })
  @IsOptional()
  @IsUUID()
  broadcastId?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({ description: 'audit events in time order, limited to the caller’s jurisdiction' })
  search(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: SearchAuditDto): Promise<AuditEvent[]> {
    return this.queries.execute(
      new SearchAuditEventsQuery({
        from: q.from,
        to: q.to,
        type: q.type,
        subjectId: q.broadcastId,
        limit: q.limit ?? 100,
        scopePath: officer.jurisdictionPath,
      }),
    );
  }
}
