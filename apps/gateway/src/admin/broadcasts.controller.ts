import { Body, Controller, Get, HttpCode, MessageEvent, Param, ParseUUIDPipe, Post, Query, Sse } from '@nestjs/common';
import { distinctUntilChanged, from, interval, map, Observable, startWith, switchMap, takeWhile } from 'rxjs';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiTooManyRequestsResponse,
  IntersectionType,
  OmitType,
  PartialType,
  PickType,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsBoolean,
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
  AudienceDefinition,
  BroadcastControl,
  BroadcastCreated,
  BroadcastPreview,
  BroadcastQueuePage,
  ListBroadcastQueueQuery,
  ListBroadcastsQuery,
  BroadcastListPage,
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
import { Level, Levels } from '@jansetu/jurisdiction';
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

class JurisdictionAudienceDto {
  @ApiProperty({ format: 'uuid', description: 'a district, subdivision, station or locality node: all its groups' })
  @IsUUID('all')
  nodeId: string;
  @ApiPropertyOptional({
    enum: Levels,
    nullable: true,
    description: 'only the groups of nodes at this level under it (locality: every village group of a district)',
  })
  @IsOptional()
  @IsIn(Levels)
  level?: Level | null;
}

class AudienceDto {
  @ApiPropertyOptional({ type: [String], description: 'group ids; a citizen in several of them gets one message' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(1000)
  groupIds?: string[];
  @ApiPropertyOptional({
    type: [JurisdictionAudienceDto],
    description: 'jurisdiction subtrees, resolved to their open groups when the audience is materialised',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => JurisdictionAudienceDto)
  jurisdictions?: JurisdictionAudienceDto[];
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

class SmsPreviewDto {
  @ApiProperty({ enum: ['gsm7', 'ucs2'] }) encoding: string;
  @ApiProperty() segmentsPerMessage: number;
  @ApiProperty() totalSegments: number;
  @ApiProperty() estimatedCostInr: number;
}

class WhatsAppPreviewDto {
  @ApiProperty() recipients: number;
  @ApiProperty({ description: 'outside the 24-hour window: they need the approved template' }) outsideWindow: number;
  @ApiProperty() needsTemplate: boolean;
  @ApiProperty() dailyLimit: number;
  @ApiProperty() sentLast24h: number;
  @ApiProperty() withinLimit: boolean;
  @ApiProperty({ description: 'held back by the daily unique-user limit at send time' }) wouldBeHeld: number;
}

class CitizenCapDto {
  @ApiProperty() cap: number;
  @ApiProperty() wouldBeCapped: number;
}

class BroadcastPreviewDto {
  @ApiProperty() recipients: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { sms: 2, whatsapp: 1 } })
  byChannel: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { hi: 3 } })
  byLanguage: Record<string, number>;
  @ApiProperty({ type: SmsPreviewDto }) sms: SmsPreviewDto;
  @ApiProperty({ type: WhatsAppPreviewDto }) whatsapp: WhatsAppPreviewDto;
  @ApiProperty({ type: CitizenCapDto }) citizenDailyCap: CitizenCapDto;
  @ApiProperty({ description: 'seconds to send everything at the configured provider rates' }) estimatedSeconds: number;
  @ApiProperty({ type: [String] }) channelsOff: string[];
  @ApiProperty({ description: 'an officer of the parent jurisdiction must approve' }) needsApproval: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'the content rule it breaks, in words; null: passes' })
  contentViolation: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'why SMS would refuse the text (it matches no registered DLT template), with the languages; null: goes',
    example: 'SMS: matches no registered DLT template (hi, en)',
  })
  smsTemplate: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'why the WhatsApp recipients outside the 24-hour window would not get the template (not approved at Meta in that language, by the synced catalogue); null: goes',
    example: 'template jansetu_alert (hi) is REJECTED at Meta: INVALID_FORMAT',
  })
  whatsappTemplate: string | null;
  @ApiProperty({ type: [LanguagePreviewDto], description: 'per language: the text its recipients get, its cost' })
  languages: LanguagePreviewDto[];
}

/** Groups and jurisdictions as the command takes them (at least one of either; the command says so if not). */
function toAudience(a: AudienceDto): Partial<AudienceDefinition> {
  return {
    groupIds: a.groupIds ?? [],
    jurisdictions: (a.jurisdictions ?? []).map((j) => ({ nodeId: j.nodeId, level: j.level ?? null })),
  };
}

const STATUSES: BroadcastStatus[] = [
  'pending_approval',
  'scheduled',
  'sending',
  'paused',
  'cancelled',
  'rejected',
  'completed',
];
const TERMINAL = ['completed', 'cancelled', 'rejected'];

class ListQueryDto {
  @ApiPropertyOptional({
    type: [String],
    enum: STATUSES,
    description: 'any of these states (repeat or comma-separate); `pending_approval` alone: awaiting YOUR approval',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value.map(String) : String(value).split(',')).filter(Boolean),
  )
  @IsIn(STATUSES, { each: true })
  @ArrayMaxSize(7)
  status?: BroadcastStatus[];
  @ApiPropertyOptional({ enum: ['pending'], description: 'emergencies awaiting your review' })
  @IsOptional()
  @IsIn(['pending'])
  review?: 'pending';
  @ApiPropertyOptional({ enum: Categories }) @IsOptional() @IsIn(Categories) category?: Category;
  @ApiPropertyOptional({ description: 'created at or after (ISO 8601)' }) @IsOptional() @IsDateInRange() from?: Date;
  @ApiPropertyOptional({ description: 'created before (ISO 8601)' }) @IsOptional() @IsDateInRange() to?: Date;
  @ApiPropertyOptional({ description: 'only broadcasts you created' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  mine?: boolean;
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

class CreateBroadcastDto {
  @ApiProperty({ type: AudienceDto }) @Nested(() => AudienceDto) audience: AudienceDto;
  @ApiProperty({ enum: Categories, description: 'an emergency is never capped per citizen' })
  @IsIn(Categories)
  category: Category;
  @ApiProperty({ type: BodyDto }) @Nested(() => BodyDto) body: BodyDto;
  @ApiPropertyOptional({ type: FormsDto }) @IsOptional() @ValidateNested() @Type(() => FormsDto) forms?: FormsDto;
  @ApiPropertyOptional({ description: 'send later (ISO 8601); omitted: now' })
  @IsOptional()
  @IsDateInRange()
  scheduledAt?: Date;
}

/**
 * Exactly what create accepts, `category` optional (it only decides the per-citizen cap), so the JSON an officer is
 * about to send can be previewed as is; derived, so the two can never drift apart.
 */
class PreviewBroadcastDto extends IntersectionType(
  OmitType(CreateBroadcastDto, ['category'] as const),
  PartialType(PickType(CreateBroadcastDto, ['category'] as const)),
) {}

class BroadcastCreatedDto {
  @ApiProperty() id: string;
  @ApiProperty({
    description:
      'citizens who will receive it (deduplicated, opted-out excluded); 0 while a large audience is still being resolved as it sends',
  })
  recipients: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'a large audience is resolved while it sends: its membership count (an upper bound: a citizen in two groups counts twice); null when resolved at once',
  })
  audienceEstimate: number | null;
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
      'the broadcasts within your jurisdiction, newest first, with deliveries by state; filtered by status (any of), ' +
      'category, created from/to, mine; paged by limit/offset. Queues: `?status=pending_approval` alone is what ' +
      'awaits YOUR approval (strictly above the scope, never your own), `?review=pending` emergencies awaiting your ' +
      'review (most overdue first)',
  })
  @ApiBadRequestResponse({ description: 'both status=pending_approval and review=pending, or a filter out of range' })
  list(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Query() q: ListQueryDto,
  ): Promise<BroadcastQueuePage | BroadcastListPage> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const approvals = q.status?.length === 1 && q.status[0] === 'pending_approval';
    if (q.review && q.status?.length) {
      throw new ValidationError('ask for one queue: ?status=pending_approval or ?review=pending / एक कतार चुनें');
    }
    if (q.review || approvals) {
      return this.queries.execute(
        new ListBroadcastQueueQuery(officer, q.review ? 'review' : 'pending_approval', limit, offset),
      );
    }
    return this.queries.execute(
      new ListBroadcastsQuery(
        officer,
        { statuses: q.status, category: q.category, from: q.from, to: q.to, mine: q.mine },
        limit,
        offset,
      ),
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
        toAudience(dto.audience),
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
  @ApiOkResponse({
    type: BroadcastPreviewDto,
    description:
      'recipients by channel and language, SMS segments and cost, WhatsApp limit (and how many it would hold), ' +
      'how many the per-citizen daily cap would hold back, duration, approval, content check; `languages`: per ' +
      'language the text its recipients get (Hindi as the fallback, with a warning), characters, segments, cost',
  })
  preview(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: PreviewBroadcastDto): Promise<BroadcastPreview> {
    return this.queries.execute(
      new PreviewBroadcastQuery(officer, toAudience(dto.audience), dto.body, dto.forms ?? {}, dto.category ?? null),
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

  @Sse(':id/stream')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    description:
      'server-sent events: `progress` with the view (status, byStatus, byChannel) whenever it changes (checked ' +
      'every second), then `done` when the broadcast reaches a terminal state; 404 out of your jurisdiction',
  })
  async stream(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Observable<MessageEvent>> {
    // Authorised (and 404 out of reach) before the stream opens; it ends when the client goes (Nest unsubscribes).
    const first = await this.get(officer, id);
    return interval(1000).pipe(
      switchMap(() => from(this.get(officer, id))),
      startWith(first),
      map((view) => JSON.stringify(view)),
      distinctUntilChanged(),
      takeWhile((json) => !TERMINAL.includes((JSON.parse(json) as BroadcastView).status), true),
      map((json) => {
        const view = JSON.parse(json) as BroadcastView;
        return { type: TERMINAL.includes(view.status) ? 'done' : 'progress', data: view };
      }),
    );
  }

  @Get(':id')
  @ApiOkResponse({ description: 'live progress: deliveries by state and by channel; poll it' })
  @AllowRoles(...OperationalRoles)
  get(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<BroadcastView> {
    return this.queries.execute(new GetBroadcastQuery(officer, id));
  }
}
