import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  MessageEvent,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  Sse,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { filter, from, interval, map, merge, mergeMap, Observable, of, takeUntil, takeWhile, timer } from 'rxjs';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  AllowRoles,
  coversNode,
  CurrentOfficer,
  OfficerPrincipal,
  OperationalRoles,
  SessionCheck,
} from '@jansetu/identity';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import {
  ViewCaseAttachmentCommand,
  AddCaseNoteCommand,
  AssignCaseCommand,
  CaseAssignee,
  CaseMovedToMain,
  CORRECTED_LABELS,
  ListAssigneesQuery,
  ListRevealRequestsQuery,
  MoveCaseToMainCommand,
  ReclassifyCaseCommand,
  CaseReclassified,
  RECLASSIFY_LABELS,
  RevealRequestView,
  CaseAction,
  CaseDetail,
  CaseNote,
  CaseStatus,
  CaseView,
  CountCasesQuery,
  DecideRevealCommand,
  ExpireRevealRequestsCommand,
  GetCaseQuery,
  ListRevealsQuery,
  REVEAL_APPROVAL_HOURS,
  REVEAL_REQUESTS_PER_DAY,
  REVEAL_REQUEST_ROLES,
  REVEAL_VIEW_HOURS,
  RequestRevealCommand,
  RevealDecided,
  RevealReport,
  RevealRequested,
  IdentityRevealed,
  InboxCounts,
  ListCasesQuery,
  MessageClass,
  MessageClasses,
  MuteSenderCommand,
  REVEAL_REASON_MIN,
  REVEAL_ROLES,
  ReplyToCaseCommand,
  RevealIdentityCommand,
  TransitionCaseCommand,
} from '@jansetu/inbox';
import { MAX_OFFSET, PageOffset } from '../validation';
import { UrgentCaseFeed } from './urgent-case-feed';

const STATUSES: CaseStatus[] = ['new', 'acknowledged', 'in_progress', 'closed'];

class ListCasesDto {
  @ApiPropertyOptional({
    enum: ['main', 'filtered'],
    default: 'main',
    description: 'filtered: greetings, slogans, adverts, abuse, muted or rate-limited senders',
  })
  @IsOptional()
  @IsIn(['main', 'filtered'])
  queue?: 'main' | 'filtered';
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: CaseStatus;
  @ApiPropertyOptional({ enum: MessageClasses }) @IsOptional() @IsIn([...MessageClasses]) label?: MessageClass;
  @ApiPropertyOptional({ description: 'code of one inbox (station, district or state)', example: 'SAM-MUFASSIL' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/)
  inbox?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET }) @IsOptional() @PageOffset() offset?: number;
}

class AssignDto {
  @ApiProperty({ description: 'an officer whose jurisdiction covers the case' }) @IsUUID() officerId: string;
}

class NoteDto {
  @ApiProperty({ example: 'बीट 3 रात में जाँच करे' }) @IsString() @MinLength(1) @MaxLength(2000) text: string;
}

class ReplyDto {
  @ApiProperty({ example: 'सूचना के लिए धन्यवाद, टीम भेजी जा रही है।' })
  @IsString()
  @MinLength(1)
  @MaxLength(600)
  text: string;
}

class MuteDto {
  @ApiPropertyOptional({ example: 'repeated abuse' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

class RevealDto {
  @ApiProperty({ minLength: REVEAL_REASON_MIN, example: 'FIR 123/25: the informant is needed as a witness' })
  @IsString()
  @MinLength(REVEAL_REASON_MIN)
  @MaxLength(1000)
  reason: string;
}

class RevealRequestDto {
  @ApiProperty({
    example: 'FIR 123/25: the informant is needed as a witness',
    description: 'must cite an FIR ("FIR 45/25", "कांड सं. 45/25") or this case ("Case 1042", "केस 1042")',
  })
  @IsString()
  @MinLength(REVEAL_REASON_MIN)
  @MaxLength(1000)
  reason: string;
}

class RevealDecisionDto {
  @ApiPropertyOptional({ example: 'FIR verified with the SHO' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

class RevealApprovalDto extends RevealDecisionDto {
  @ApiPropertyOptional({
    description:
      'anonymous cases only: the HQ reveal private key (base64 PKCS#8 DER or PEM, X25519), used for this approval ' +
      'and never stored; the gateway holds only REVEAL_PUBLIC_KEY',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  revealKey?: string;
}

class PageDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

class RevealRequestedDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: ['requested'] }) status: string;
  @ApiProperty({ description: `the approver must decide within ${REVEAL_APPROVAL_HOURS} h` }) expiresAt: string;
}

class RevealDecidedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['approved', 'refused'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: `approved: viewable for ${REVEAL_VIEW_HOURS} h` })
  viewUntil: string | null;
}

class RevealOfficerDto {
  @ApiProperty() officerId: string;
  @ApiProperty() username: string;
  @ApiProperty() role: string;
}

class RevealViewDto {
  @ApiProperty() officerId: string;
  @ApiProperty() viewedAt: string;
}

class RevealReportDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: number;
  @ApiProperty() inboxCode: string;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ enum: ['requested', 'approved', 'refused', 'expired'] }) status: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'FIR 123/25' }) reference: string;
  @ApiProperty({ type: RevealOfficerDto }) requestedBy: RevealOfficerDto;
  @ApiProperty() requestedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: RevealOfficerDto, nullable: true }) decidedBy: RevealOfficerDto | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty({ nullable: true, type: String }) viewUntil: string | null;
  @ApiProperty({ type: [RevealViewDto], description: 'every view of the revealed identity' }) views: RevealViewDto[];
}

class CaseViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 1042 }) caseNumber: number;
  @ApiProperty({ example: 'T-7F3K2Q9A', description: 'stable per citizen per station; A-… for anonymous cases' })
  pseudonym: string;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ description: 'false: the sender is in no group (district or state inbox)' }) member: boolean;
  @ApiProperty({ enum: ['sms', 'whatsapp', 'telegram'] }) channel: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: MessageClasses }) label: string;
  @ApiProperty({ enum: ['rule', 'model'] }) classifiedBy: string;
  @ApiProperty() confidence: number;
  @ApiProperty({ enum: ['main', 'filtered'] }) queue: string;
  @ApiProperty({ nullable: true, type: String, enum: ['muted', 'rate-limited'] }) filterReason: string | null;
  @ApiProperty({
    type: [String],
    example: ['muted-sender'],
    description: 'muted-sender / rate-limited-sender; an urgent case stays in the main queue and is flagged',
  })
  flags: string[];
  @ApiProperty() urgent: boolean;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) assignedOfficerId: string | null;
  @ApiProperty({ example: 'SAM-MUFASSIL' }) inboxCode: string;
  @ApiProperty() inboxNameEn: string;
  @ApiProperty() inboxNameHi: string;
  @ApiProperty({ description: 'false once the citizen erased their data' }) reachable: boolean;
  @ApiProperty() receivedAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}

class CaseNoteDto {
  @ApiProperty() id: string;
  @ApiProperty() officerId: string;
  @ApiProperty() officerName: string;
  @ApiProperty() text: string;
  @ApiProperty() createdAt: string;
}

class CaseReplyDto {
  @ApiProperty() id: string;
  @ApiProperty() officerId: string;
  @ApiProperty() officerName: string;
  @ApiProperty() text: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    enum: ['queued', 'sent', 'delivered', 'read', 'failed'],
    description: 'whether the answer reached the citizen, from the provider’s receipts',
  })
  delivery: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  @ApiProperty({ nullable: true, type: String, description: 'why it failed (permanent, unavailable, …)' })
  deliveryFailure: string | null;
}

class CaseCorrectionDto {
  @ApiProperty({ description: 'the classifier’s label, kept on the case' }) originalLabel: string;
  @ApiProperty({ nullable: true, type: String }) correctedLabel: string | null;
  @ApiProperty({ enum: ['main', 'filtered'], description: 'the queue the case was in' }) originalQueue: string;
  @ApiProperty({ enum: ['main', 'filtered'], description: 'the queue the officer filed it in' })
  correctedQueue: string;
  @ApiProperty() officerName: string;
  @ApiProperty() createdAt: string;
}

class EarlierMessageDto {
  @ApiProperty() id: string;
  @ApiProperty() caseNumber: number;
  @ApiProperty() text: string;
  @ApiProperty({ enum: MessageClasses }) label: string;
  @ApiProperty() receivedAt: string;
}

class CaseAttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['pending', 'stored', 'refused', 'failed'],
    description: 'pending while it is fetched from the provider; stored: GET …/attachments/{attachmentId}',
  })
  status: 'pending' | 'stored' | 'refused' | 'failed';
  @ApiProperty({ enum: ['image', 'audio', 'video', 'document'], nullable: true, type: String })
  kind: 'image' | 'audio' | 'video' | 'document' | null;
  @ApiProperty({ nullable: true, type: String, description: 'by its bytes, not as declared' }) mimeType: string | null;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'why it was not kept' }) failure: string | null;
}

class CaseLocationDto {
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
}

class CaseDetailDto extends CaseViewDto {
  @ApiProperty({ type: [CaseNoteDto] }) notes: CaseNoteDto[];
  @ApiProperty({ type: [CaseAttachmentDto], description: 'photos, voice notes, videos the citizen sent' })
  attachments: CaseAttachmentDto[];
  @ApiProperty({ type: CaseLocationDto, nullable: true, description: 'a location the citizen shared' })
  location: CaseLocationDto | null;
  @ApiProperty({ type: [CaseReplyDto], description: 'what officers answered, oldest first' }) replies: CaseReplyDto[];
  @ApiProperty({ type: CaseCorrectionDto, nullable: true, description: 'set once moved out of the filtered queue' })
  correction: CaseCorrectionDto | null;
  @ApiProperty({
    type: [EarlierMessageDto],
    description: 'other messages of the same pseudonym at this inbox, newest first (none for anonymous cases)',
  })
  earlier: EarlierMessageDto[];
}

class MoveToMainDto {
  @ApiPropertyOptional({ enum: CORRECTED_LABELS, description: 'what the message really is, if the officer says' })
  @IsOptional()
  @IsIn([...CORRECTED_LABELS])
  label?: (typeof CORRECTED_LABELS)[number];
}

class ReclassifyDto {
  @ApiProperty({
    enum: RECLASSIFY_LABELS,
    description: 'what the message really is: greeting, political, spam or abuse files it in the filtered queue',
  })
  @IsIn([...RECLASSIFY_LABELS])
  label: (typeof RECLASSIFY_LABELS)[number];
}

class CaseReclassifiedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['main', 'filtered'] }) queue: string;
  @ApiProperty({ enum: MessageClasses }) originalLabel: string;
  @ApiProperty({ enum: RECLASSIFY_LABELS }) correctedLabel: string;
}

class CaseMovedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['main'] }) queue: string;
  @ApiProperty({ enum: MessageClasses }) originalLabel: string;
  @ApiProperty({ nullable: true, type: String, enum: CORRECTED_LABELS }) correctedLabel: string | null;
}

class AssigneeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() role: string;
  @ApiProperty({ nullable: true, type: String }) jurisdictionCode: string | null;
}

class RevealRequestsQueryDto {
  @ApiPropertyOptional({ description: 'only the requests of this case' }) @IsOptional() @IsUUID() caseId?: string;
}

class RevealRequestViewDto extends RevealReportDto {
  @ApiProperty({ description: 'made by the caller' }) mine: boolean;
  @ApiProperty({ description: 'waiting, and the caller is the second officer who may decide it' }) mayDecide: boolean;
}

class UrgentCaseEventDto {
  @ApiProperty() id: string;
  @ApiProperty() caseNumber: number;
  @ApiProperty() pseudonym: string;
  @ApiProperty({ enum: MessageClasses }) label: string;
  @ApiProperty() inboxCode: string;
  @ApiProperty() inboxNameEn: string;
  @ApiProperty() inboxNameHi: string;
  @ApiProperty() receivedAt: string;
}

export class InboxCountsDto {
  @ApiProperty() inboxCode: string;
  @ApiProperty() inboxNameEn: string;
  @ApiProperty() inboxNameHi: string;
  @ApiProperty({ enum: ['state', 'district', 'subdivision', 'station'] }) level: string;
  @ApiProperty() new: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() closed: number;
  @ApiProperty() urgentOpen: number;
  @ApiProperty() filtered: number;
  @ApiProperty({ example: { tip: 12, greeting: 40, spam: 7 } }) byLabel: Record<string, number>;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'median seconds from receipt to first acknowledgement, cases of the last 30 days',
  })
  medianAckSeconds: number | null;
  @ApiProperty({ description: 'the cases of the last 30 days that the median is taken over' })
  acknowledgedLast30Days: number;
}

class RevealedDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: number;
  @ApiProperty() pseudonym: string;
  @ApiProperty() channel: string;
  @ApiProperty({ description: 'the sender’s number or chat id: for this officer only; the reveal is audited' })
  address: string;
}

/**
 * The tip inbox of the officer's jurisdiction: cases by pseudonym; the address only through a two-person, audited
 * reveal (request → approval by a second, senior officer → view), reported to auditors at GET reveals.
 */
@ApiTags('inbox')
@Controller('api/v1/inbox')
export class InboxController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly feed: UrgentCaseFeed,
    private readonly sessions: SessionCheck,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Sse('stream')
  @AllowRoles(...OperationalRoles)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    type: UrgentCaseEventDto,
    description:
      'server-sent events: `ready` once, then `urgent` (data: the case, never a text or address) for each new ' +
      'emergency of the caller’s jurisdiction within about a second, and `ping` every 20 s. The stream ends when ' +
      'the session does and at most when the access token expires: reconnect with a fresh token',
  })
  stream(@CurrentOfficer() officer: OfficerPrincipal, @Req() req: Request): Observable<MessageEvent> {
    const claims = tokenClaims(req);
    const ends = timer(Math.max(0, (claims.exp ?? 0) * 1000 - Date.now()) || this.config.JWT_TTL_SECONDS * 1000);
    const urgent = this.feed.cases$.pipe(
      filter((c) => coversNode(officer, c.jurisdictionPath)),
      map(({ jurisdictionPath: _path, createdAt: _at, ...c }): MessageEvent => ({ type: 'urgent', id: c.id, data: c })),
    );
    // A ping is also when the session is checked again: sign-out, disable or transfer end the stream.
    const pings = interval(20_000).pipe(
      mergeMap(() => from(this.sessions.isCurrent(claims))),
      takeWhile((current) => current),
      map((): MessageEvent => ({ type: 'ping', data: {} })),
    );
    return merge(of<MessageEvent>({ type: 'ready', data: {} }), urgent, pings).pipe(takeUntil(ends));
  }

  @Get('cases/:id/assignees')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    type: [AssigneeDto],
    description: 'who the case may be given to: active officers posted on its station or above, within your reach',
  })
  assignees(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CaseAssignee[]> {
    return this.queries.execute(new ListAssigneesQuery(officer, id));
  }

  @Post('cases/:id/move-to-main')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    type: CaseMovedDto,
    description:
      'a mis-filtered message into the main queue; kept as a correction (the classifier’s label stays on the ' +
      'case, the officer’s verdict beside it, for training) and audited as inbox.case_moved_to_main',
  })
  @ApiConflictResponse({ description: 'the case is already in the main queue' })
  moveToMain(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MoveToMainDto,
  ): Promise<CaseMovedToMain> {
    return this.commands.execute(new MoveCaseToMainCommand(officer, id, dto.label ?? null));
  }

  @Post('cases/:id/reclassify')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({
    type: CaseReclassifiedDto,
    description:
      'the case re-filed as what it really is (marked as spam: into the filtered queue; re-labelled: stays in the ' +
      'main one); the classifier’s label stays on the case, the correction beside it trains the next model; audited ' +
      'as inbox.case_reclassified',
  })
  @ApiConflictResponse({ description: 'already filed so, or an emergency (never filed away)' })
  reclassify(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReclassifyDto,
  ): Promise<CaseReclassified> {
    return this.commands.execute(new ReclassifyCaseCommand(officer, id, dto.label));
  }

  @Get('reveal-requests')
  @AllowRoles(...REVEAL_REQUEST_ROLES)
  @ApiOkResponse({
    type: [RevealRequestViewDto],
    description: 'your reveal requests, and those waiting for your decision (you are the second officer); no address',
  })
  async revealRequests(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Query() q: RevealRequestsQueryDto,
  ): Promise<RevealRequestView[]> {
    await this.commands.execute(new ExpireRevealRequestsCommand());
    return this.queries.execute(new ListRevealRequestsQuery(officer, q.caseId ?? null));
  }

  @Get('cases')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: [CaseViewDto], description: 'open emergencies first, then newest; never an address' })
  list(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: ListCasesDto): Promise<CaseView[]> {
    return this.queries.execute(
      new ListCasesQuery(officer, {
        queue: q.queue,
        status: q.status,
        label: q.label,
        inboxCode: q.inbox,
        limit: q.limit,
        offset: q.offset,
      }),
    );
  }

  @Get('counts')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: [InboxCountsDto], description: 'per inbox (station, district, state) of the jurisdiction' })
  counts(@CurrentOfficer() officer: OfficerPrincipal): Promise<InboxCounts[]> {
    return this.queries.execute(new CountCasesQuery(officer));
  }

  @Get('cases/:id')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDetail> {
    return this.queries.execute(new GetCaseQuery(officer, id));
  }

  @Get('cases/:id/attachments/:attachmentId')
  @AllowRoles(...OperationalRoles)
  @ApiProduces(
    'image/jpeg',
    'image/png',
    'image/webp',
    'audio/ogg',
    'audio/mpeg',
    'audio/mp4',
    'video/mp4',
    'application/pdf',
  )
  @ApiOkResponse({ description: 'the attachment’s bytes (images without their metadata); each view is audited' })
  async attachment(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { bytes, mimeType } = await this.commands.execute(new ViewCaseAttachmentCommand(officer, id, attachmentId));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(bytes, { type: mimeType, disposition: 'inline', length: bytes.length });
  }

  @Post('cases/:id/acknowledge')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'new → acknowledged; repeating it changes nothing' })
  acknowledge(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.transition(officer, id, 'acknowledge');
  }

  @Post('cases/:id/start')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'new or acknowledged → in_progress' })
  start(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.transition(officer, id, 'start');
  }

  @Post('cases/:id/close')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'any open status → closed; closed is final' })
  close(@CurrentOfficer() officer: OfficerPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.transition(officer, id, 'close');
  }

  @Post('cases/:id/assign')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  assign(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignDto,
  ): Promise<{ id: string; assignedOfficerId: string }> {
    return this.commands.execute(new AssignCaseCommand(officer, id, dto.officerId));
  }

  @Post('cases/:id/notes')
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ type: CaseNoteDto, description: 'internal: never sent to the citizen' })
  note(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: NoteDto,
  ): Promise<CaseNote> {
    return this.commands.execute(new AddCaseNoteCommand(officer, id, dto.text));
  }

  @Post('cases/:id/reply')
  @HttpCode(202)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: 'queued to the citizen on the channel they wrote from; audited as inbox.reply_sent' })
  reply(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReplyDto,
  ): Promise<{ id: string; queued: true }> {
    return this.commands.execute(new ReplyToCaseCommand(officer, id, dto.text));
  }

  @Post('cases/:id/mute')
  @HttpCode(200)
  @AllowRoles(...OperationalRoles)
  @ApiOkResponse({ description: "the sender's later messages to this inbox go to the filtered queue, unanswered" })
  mute(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MuteDto,
  ): Promise<{ id: string; muted: true }> {
    return this.commands.execute(new MuteSenderCommand(officer, id, dto.reason ?? null));
  }

  @Post('cases/:id/reveal-requests')
  @AllowRoles(...REVEAL_REQUEST_ROLES)
  @ApiOkResponse({
    type: RevealRequestedDto,
    description:
      `first half of a reveal: a district or HQ admin, a reason citing an FIR or this case; at most ` +
      `${REVEAL_REQUESTS_PER_DAY} a day (429); audited as inbox.reveal_requested`,
  })
  requestReveal(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevealRequestDto,
  ): Promise<RevealRequested> {
    return this.commands.execute(new RequestRevealCommand(officer, id, dto.reason));
  }

  @Post('reveal-requests/:id/approve')
  @HttpCode(200)
  @AllowRoles(...REVEAL_REQUEST_ROLES)
  @ApiOkResponse({
    type: RevealDecidedDto,
    description:
      'second half: an officer above the requester (HQ for a district admin, another HQ admin for an HQ admin), ' +
      `never the requester, within ${REVEAL_APPROVAL_HOURS} h (409 after); anonymous cases need the HQ reveal key`,
  })
  approveReveal(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevealApprovalDto,
  ): Promise<RevealDecided> {
    return this.commands.execute(
      new DecideRevealCommand(officer, id, 'approve', dto.note ?? null, dto.revealKey ?? null),
    );
  }

  @Post('reveal-requests/:id/refuse')
  @HttpCode(200)
  @AllowRoles(...REVEAL_REQUEST_ROLES)
  @ApiOkResponse({ type: RevealDecidedDto, description: 'the approver refuses; audited as inbox.reveal_refused' })
  refuseReveal(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevealDecisionDto,
  ): Promise<RevealDecided> {
    return this.commands.execute(new DecideRevealCommand(officer, id, 'refuse', dto.note ?? null));
  }

  @Post('cases/:id/reveal')
  @HttpCode(200)
  @AllowRoles(...REVEAL_ROLES)
  @ApiOkResponse({
    type: RevealedDto,
    description:
      `the requester views the sender once a second officer approved, within ${REVEAL_VIEW_HOURS} h of the ` +
      'approval (403 otherwise); every view audited as inbox.identity_revealed',
  })
  reveal(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevealDto,
  ): Promise<IdentityRevealed> {
    return this.commands.execute(new RevealIdentityCommand(officer, id, dto.reason));
  }

  @Get('reveals')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({
    type: [RevealReportDto],
    description:
      'the reveal report of the jurisdiction, newest first: every request, approval, refusal, expiry and view; ' +
      'overdue requests are expired (and audited) first; never an address',
  })
  async reveals(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: PageDto): Promise<RevealReport[]> {
    await this.commands.execute(new ExpireRevealRequestsCommand());
    return this.queries.execute(new ListRevealsQuery(officer, q.limit ?? 100, q.offset ?? 0));
  }

  private transition(
    officer: OfficerPrincipal,
    id: string,
    action: CaseAction,
  ): Promise<{ id: string; status: CaseStatus }> {
    return this.commands.execute(new TransitionCaseCommand(officer, id, action));
  }
}

/** The claims of the (already verified) bearer token: its expiry and the session it belongs to. */
function tokenClaims(req: Request): { sub: string; ver?: number; sid?: string; exp?: number } {
  const token = (req.headers.authorization ?? '').split(' ')[1] ?? '';
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
    ver?: number;
    sid?: string;
    exp?: number;
  };
}
