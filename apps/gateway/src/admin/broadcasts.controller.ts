import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BroadcastControl,
  BroadcastCreated,
  BroadcastPreview,
  BroadcastQueuePage,
  ListBroadcastQueueQuery,
  ReviewEmergencyCommand,
  ReviewVerdict,
  BroadcastStatus,
  BroadcastView,
  Categories,
  Category,
  ControlBroadcastCommand,
  CreateBroadcastCommand,
  DecideBroadcastCommand,
  GetBroadcastQuery,
  PreviewBroadcastQuery,
} from '@jansetu/broadcast';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import { ValidationError } from '@jansetu/platform';
import { IsDateInRange, Nested } from '../validation';
import { LanguagePreviewDto } from './broadcast-languages.dto';

class BodyDto {
  @ApiProperty({ description: 'Hindi text (required)', example: 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ।' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  hi: string;
  @ApiPropertyOptional({
    description: 'English text, sent (instead of the Hindi) to citizens who chose English',
    example: 'The child-lifter rumour is false.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  en?: string;
  @ApiPropertyOptional({ description: 'Bhojpuri text, for citizens who chose Bhojpuri (LANG BHO)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  bho?: string;
  @ApiPropertyOptional({ description: 'Maithili text, for citizens who chose Maithili (LANG MAI)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  mai?: string;
  @ApiPropertyOptional({ description: 'Magahi text, for citizens who chose Magahi (LANG MAG)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  mag?: string;
  @ApiPropertyOptional({
    description: 'Urdu text (right to left; each line is sent with a right-to-left mark), for LANG UR',
    example: 'بچہ چوری کی افواہ جھوٹی ہے۔',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  ur?: string;
}

class AudienceDto {
  @ApiProperty({ type: [String], description: 'group ids; a citizen in several of them gets one message' })
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  groupIds: string[];
}

class WhatsAppTemplateDto {
  @ApiProperty({ example: 'rumour_rebuttal_v1' }) @Matches(/^[a-z0-9_]{1,512}$/) name: string;
  @ApiProperty({ example: 'hi' }) @Matches(/^[a-z]{2,3}(_[A-Z]{2})?$/) language: string;
  @ApiProperty({ type: [String], description: 'values of the template body parameters, in order' })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  @ArrayMaxSize(20)
  parameters: string[];
}

class FormsDto {
  @ApiPropertyOptional({ type: WhatsAppTemplateDto, description: 'for WhatsApp citizens outside the 24-hour window' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WhatsAppTemplateDto)
  whatsappTemplate?: WhatsAppTemplateDto;
  @ApiPropertyOptional({
    description: 'TRAI DLT content-template id of this text (Indian SMS)',
    example: '1107160000000012345',
  })
  @IsOptional()
  @Matches(/^[0-9]{10,25}$/)
  smsDltTemplateId?: string;
}

class PreviewBroadcastDto {
  @ApiProperty({ type: AudienceDto }) @Nested(() => AudienceDto) audience: AudienceDto;
  @ApiPropertyOptional({ enum: Categories, description: 'an emergency is never capped per citizen' })
  @IsOptional()
  @IsIn(Categories)
  category?: Category;
  @ApiProperty({ type: BodyDto }) @Nested(() => BodyDto) body: BodyDto;
  @ApiPropertyOptional({ type: FormsDto }) @IsOptional() @ValidateNested() @Type(() => FormsDto) forms?: FormsDto;
}

class DecisionDto {
  @ApiPropertyOptional({ description: 'required to reject; kept in the audit log' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

class ControlDto {
  @ApiPropertyOptional({ description: 'why (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

class ReviewDto {
  @ApiProperty({
    enum: ['emergency_confirmed', 'not_emergency'],
    description: 'the review of an emergency already sent; "not_emergency" is recorded, audited and shown',
  })
  @IsIn(['emergency_confirmed', 'not_emergency'])
  verdict: ReviewVerdict;
  @ApiPropertyOptional({ description: 'required for not_emergency; kept in the audit log' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

class QueueQueryDto {
  @ApiPropertyOptional({ enum: ['pending_approval'], description: 'broadcasts awaiting your approval' })
  @IsOptional()
  @IsIn(['pending_approval'])
  status?: 'pending_approval';
  @ApiPropertyOptional({ enum: ['pending'], description: 'emergencies awaiting your review' })
  @IsOptional()
  @IsIn(['pending'])
  review?: 'pending';
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

class CreateBroadcastDto {
  @ApiProperty({ type: AudienceDto }) @Nested(() => AudienceDto) audience: AudienceDto;
  @ApiProperty({ enum: Categories }) @IsIn(Categories) category: Category;
  @ApiProperty({ type: BodyDto }) @Nested(() => BodyDto) body: BodyDto;
  @ApiPropertyOptional({ type: FormsDto }) @IsOptional() @ValidateNested() @Type(() => FormsDto) forms?: FormsDto;
  @ApiPropertyOptional({ description: 'send later (ISO 8601); omitted: now' })
  @IsOptional()
  @IsDateInRange()
  scheduledAt?: Date;
}

class BroadcastCreatedDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'citizens who will receive it (deduplicated, opted-out excluded)' }) recipients: number;
  @ApiProperty({ enum: ['pending_approval', 'scheduled', 'sending'] }) status: string;
  @ApiProperty({ description: 'an officer of the parent jurisdiction must approve (an emergency is approved after)' })
  needsApproval: boolean;
  @ApiProperty({ description: 'appended to the text as "सत्यापन कोड / Verify: AB12CD"; citizens send VERIFY AB12CD' })
  verificationCode: string;
}

@ApiTags('broadcasts')
@Controller('api/v1/broadcasts')
export class BroadcastsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    description:
      'your queue, scoped to what you may decide (strictly above the scope, never your own): ' +
      '`?status=pending_approval` broadcasts awaiting approval, `?review=pending` emergencies awaiting review ' +
      '(most overdue first); paged by limit/offset',
  })
  @ApiBadRequestResponse({ description: 'neither or both of status=pending_approval and review=pending' })
  list(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: QueueQueryDto): Promise<BroadcastQueuePage> {
    if (Boolean(q.status) === Boolean(q.review)) {
      throw new ValidationError('ask for one queue: ?status=pending_approval or ?review=pending / एक कतार चुनें');
    }
    return this.queries.execute(
      new ListBroadcastQueueQuery(officer, q.review ? 'review' : 'pending_approval', q.limit ?? 50, q.offset ?? 0),
    );
  }

  @Post()
  @AllowRoles(...OperationalRoles)
  @ApiCreatedResponse({ type: BroadcastCreatedDto })
  @ApiTooManyRequestsResponse({
    description:
      'the per-officer broadcast rate limit (BROADCAST_RATE_LIMIT per BROADCAST_RATE_WINDOW_SECONDS); Retry-After says when',
  })
  create(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: CreateBroadcastDto): Promise<BroadcastCreated> {
    return this.commands.execute(
      new CreateBroadcastCommand(
        officer,
        dto.audience.groupIds,
        dto.category,
        dto.body,
        dto.forms ?? {},
        dto.scheduledAt ?? null,
      ),
    );
  }

  @Post('preview')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiExtraModels(LanguagePreviewDto)
  @ApiOkResponse({
    description:
      'recipients by channel and language, SMS segments and cost, WhatsApp limit (and how many it would hold), ' +
      'how many the per-citizen daily cap would hold back, duration, approval, content check; `languages`: per ' +
      'language the text its recipients get (Hindi as the fallback, with a warning), characters, segments, cost',
    schema: {
      type: 'object',
      properties: { languages: { type: 'array', items: { $ref: getSchemaPath(LanguagePreviewDto) } } },
    },
  })
  preview(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: PreviewBroadcastDto): Promise<BroadcastPreview> {
    return this.queries.execute(
      new PreviewBroadcastQuery(officer, dto.audience.groupIds, dto.body, dto.forms ?? {}, dto.category ?? null),
    );
  }

  @Post(':id/approve')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  approve(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
  ): Promise<{ status: BroadcastStatus }> {
    return this.commands.execute(new DecideBroadcastCommand(officer, id, 'approve', dto.note ?? null));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  reject(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecisionDto,
  ): Promise<{ status: BroadcastStatus }> {
    return this.commands.execute(new DecideBroadcastCommand(officer, id, 'reject', dto.note ?? null));
  }

  @Post(':id/review')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    description:
      'the mandatory review of an emergency already sent, by an officer above its scope who is not the author; ' +
      'overdue reviews escalate subdivision → district → HQ (EMERGENCY_REVIEW_MINUTES each)',
  })
  review(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReviewDto,
  ): Promise<{ verdict: ReviewVerdict }> {
    return this.commands.execute(new ReviewEmergencyCommand(officer, id, dto.verdict, dto.note ?? null));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  pause(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ControlDto) {
    return this.control(officer, id, 'pause', dto);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  resume(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ControlDto) {
    return this.control(officer, id, 'resume', dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'pending deliveries are cancelled at once; dispatchers stop before their next batch' })
  cancel(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ControlDto) {
    return this.control(officer, id, 'cancel', dto);
  }

  private control(officer: OfficerPrincipal, id: string, action: BroadcastControl, dto: ControlDto) {
    return this.commands.execute(new ControlBroadcastCommand(officer, id, action, dto.reason ?? null));
  }

  @Get(':id')
  @ApiOkResponse({ description: 'live progress: deliveries by state and by channel; poll it' })
  @AllowRoles(...OperationalRoles)
  get(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<BroadcastView> {
    return this.queries.execute(new GetBroadcastQuery(officer, id));
  }
}
