import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AllowRoles, CurrentOfficer, OfficerPrincipal, OperationalRoles } from '@jansetu/identity';
import {
  AddCaseNoteCommand,
  AssignCaseCommand,
  CaseAction,
  CaseDetail,
  CaseNote,
  CaseStatus,
  CaseView,
  CountCasesQuery,
  GetCaseQuery,
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

class CaseDetailDto extends CaseViewDto {
  @ApiProperty({ type: [CaseNoteDto] }) notes: CaseNoteDto[];
}

class InboxCountsDto {
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
}

class RevealedDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: number;
  @ApiProperty() pseudonym: string;
  @ApiProperty() channel: string;
  @ApiProperty({ description: 'the sender’s number or chat id: for this officer only; the reveal is audited' })
  address: string;
}

/** The tip inbox of the officer's jurisdiction: cases by pseudonym; the address only through an audited reveal. */
@ApiTags('inbox')
@Controller('api/v1/inbox')
export class InboxController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

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

  @Post('cases/:id/reveal')
  @HttpCode(200)
  @AllowRoles(...REVEAL_ROLES)
  @ApiOkResponse({ type: RevealedDto, description: 'district or HQ admin with a written reason; audited' })
  reveal(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevealDto,
  ): Promise<IdentityRevealed> {
    return this.commands.execute(new RevealIdentityCommand(officer, id, dto.reason));
  }

  private transition(
    officer: OfficerPrincipal,
    id: string,
    action: CaseAction,
  ): Promise<{ id: string; status: CaseStatus }> {
    return this.commands.execute(new TransitionCaseCommand(officer, id, action));
  }
}
