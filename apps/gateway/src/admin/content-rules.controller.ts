import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  AddContentRuleCommand,
  ContentRuleRow,
  ListContentRulesQuery,
  RetireContentRuleCommand,
} from '@jansetu/broadcast';
import { AllowRoles, CurrentOfficer, OfficerPrincipal } from '@jansetu/identity';

const KINDS = ['blocked_term', 'blocked_link_domain', 'allowed_link_domain'] as const;

class AddContentRuleDto {
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: (typeof KINDS)[number];
  @ApiProperty({
    description:
      'a term (matched through disguises: B.J.P., BJP2025, Cyrillic or full-width letters, Devanagari) ' +
      'or a domain (gov.in; matched on the host a link opens, sub-domains included)',
    example: 'zindabad',
  })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  pattern: string;
  @ApiProperty({ example: 'slogan / नारा' }) @IsString() @MinLength(2) @MaxLength(200) reason: string;
}

class ListRulesQueryDto {
  @ApiPropertyOptional({ description: 'include retired rules (with who retired them and when)' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeRetired?: boolean;
}

/** HQ keeps the content rules police messages, template parameters, group names and replies are checked against. */
@ApiTags('content-rules')
@Controller('api/v1/content-rules')
export class ContentRulesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @AllowRoles('hq_admin', 'auditor')
  @ApiOkResponse({ description: 'the rules in force (and, on request, the retired ones)' })
  list(@Query() q: ListRulesQueryDto): Promise<ContentRuleRow[]> {
    return this.queries.execute(new ListContentRulesQuery(q.includeRetired ?? false));
  }

  @Post()
  @AllowRoles('hq_admin')
  @ApiCreatedResponse({ description: 'added and audited (content_rule.added); 409 when the same rule is in force' })
  add(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: AddContentRuleDto): Promise<{ id: string }> {
    return this.commands.execute(
      new AddContentRuleCommand(officer, { kind: dto.kind, pattern: dto.pattern, reason: dto.reason }),
    );
  }

  @Post(':id/retire')
  @HttpCode(200)
  @AllowRoles('hq_admin')
  @ApiOkResponse({ description: 'no longer applied; kept in the table and audited (content_rule.retired)' })
  retire(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.commands.execute(new RetireContentRuleCommand(officer, id));
  }
}
