import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { once } from 'node:events';
import {
  AuditEvent,
  AuditSettings,
  AuditVerification,
  BroadcastTrail,
  CitizenHistory,
  CSV_HEADER,
  csvLine,
  ExportAuditEventsQuery,
  GetAuditSettingsQuery,
  GetBroadcastTrailQuery,
  GetCitizenHistoryQuery,
  ndjsonLine,
  PlaceLegalHoldCommand,
  PurgeAuditEventsCommand,
  PurgeResult,
  ReleaseLegalHoldCommand,
  SearchAuditEventsQuery,
  UpdateAuditSettingsCommand,
  VerifyAuditChainsQuery,
  isSignedCheckpoint,
} from '@jansetu/audit';
import { ValidationError } from '@jansetu/platform';
import { AllowRoles, CurrentOfficer, OfficerPrincipal } from '@jansetu/identity';
import {
  ExportAuditDto,
  HistoryDto,
  PseudonymParam,
  PlaceLegalHoldDto,
  ReleaseLegalHoldDto,
  SearchAuditDto,
  UpdateAuditSettingsDto,
  VerifyDto,
  VerifyWithCheckpointDto,
} from './audit.dto';

/**
 * The auditors' read-only view of the log, scoped by the caller's jurisdiction (an auditor bound to a district sees
 * only that district's events; state-level events need a state-wide auditor). Only retention is changed here,
 * and only by an HQ admin.
 */
@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('events')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({
    description: 'events in time order; when more follow, the X-Next-Cursor header holds the cursor of the next page',
  })
  async search(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Query() q: SearchAuditDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEvent[]> {
    const page = await this.queries.execute(
      new SearchAuditEventsQuery({
        filter: q.toFilter(),
        scopePath: officer.jurisdictionPath,
        cursor: q.cursor,
        limit: q.limit ?? 100,
      }),
    );
    if (page.nextCursor) res.setHeader('X-Next-Cursor', page.nextCursor);
    return page.events;
  }

  @Get('broadcasts/:id/trail')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({ description: 'author, decision, times, audience size and outcomes of one broadcast' })
  trail(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<BroadcastTrail> {
    return this.queries.execute(new GetBroadcastTrailQuery(id, officer.jurisdictionPath));
  }

  @Get('citizens/:pseudonym/history')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({ description: 'what the police sent a citizen and what became of it, in time order' })
  history(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param() { pseudonym }: PseudonymParam,
    @Query() q: HistoryDto,
  ): Promise<CitizenHistory> {
    return this.queries.execute(
      new GetCitizenHistoryQuery(pseudonym, officer.jurisdictionPath, q.limit ?? 100, q.cursor),
    );
  }

  @Get('export')
  @AllowRoles('auditor', 'hq_admin')
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiOkResponse({ description: 'every matching event, streamed: NDJSON (verifiable by the script) or CSV' })
  async export(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Query() q: ExportAuditDto,
    @Res() res: Response,
  ): Promise<void> {
    const format = q.format ?? 'ndjson';
    // Resolved before the first byte, so a bad filter is still a clean 4xx.
    const events = await this.queries.execute(new ExportAuditEventsQuery(q.toFilter(), officer.jurisdictionPath));
    // The first page is read before the status line too: a filter only the database can refuse (a date it cannot
    // represent) is then a 4xx, never a 200 whose connection drops.
    const pages = events[Symbol.asyncIterator]();
    const first = await pages.next();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.status(200);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="jansetu-audit-${stamp}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    let closed = false;
    res.once('close', () => (closed = true));
    try {
      if (format === 'csv') res.write(CSV_HEADER);
      for (let next = first; !next.done; next = await pages.next()) {
        if (closed) return void (await pages.return?.()); // the auditor went away: stop reading pages
        const e = next.value;
        if (!res.write(format === 'csv' ? csvLine(e) : ndjsonLine(e))) {
          await Promise.race([once(res, 'drain'), once(res, 'close')]);
        }
      }
      res.end();
    } catch (e) {
      // Headers are gone: cut the connection so a partial export can never pass for a whole one.
      res.destroy(e as Error);
    }
  }

  @Get('verify')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({
    description:
      'recomputes every hash and link in scope and checks the chains against the newest signed checkpoint in the ' +
      'store; names the first broken link',
  })
  verify(@CurrentOfficer() officer: OfficerPrincipal, @Query() q: VerifyDto): Promise<AuditVerification> {
    return this.queries.execute(
      new VerifyAuditChainsQuery({
        scopePath: officer.jurisdictionPath,
        chainId: q.chainId,
        afterChainId: q.afterChainId,
        maxEvents: q.maxEvents ?? 200_000,
      }),
    );
  }

  @Post('verify')
  @HttpCode(200)
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({
    description:
      'as GET verify, against a signed checkpoint you hold: every chain it names must still reach its signed head; ' +
      'the store’s own checkpoints must still include it',
  })
  verifyAgainst(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Query() q: VerifyDto,
    @Body() dto: VerifyWithCheckpointDto,
  ): Promise<AuditVerification> {
    if (!isSignedCheckpoint(dto.checkpoint)) {
      throw new ValidationError('checkpoint: not a signed audit checkpoint / चेकपॉइंट मान्य नहीं है');
    }
    return this.queries.execute(
      new VerifyAuditChainsQuery({
        scopePath: officer.jurisdictionPath,
        chainId: q.chainId,
        afterChainId: q.afterChainId,
        maxEvents: q.maxEvents ?? 200_000,
        checkpoint: dto.checkpoint,
        publicKey: dto.publicKey,
      }),
    );
  }

  @Get('settings')
  @AllowRoles('auditor', 'hq_admin')
  @ApiOkResponse({
    description: 'retention and the active legal holds (a district auditor sees only the holds on their district)',
  })
  async settings(@CurrentOfficer() officer: OfficerPrincipal): Promise<AuditSettings> {
    const settings = await this.queries.execute(new GetAuditSettingsQuery());
    if (officer.jurisdictionPath === null) return settings;
    // Holds name broadcasts, citizens and other districts: outside a state-wide role, only one's own subtree's.
    const scope = officer.jurisdictionPath;
    return {
      ...settings,
      legalHolds: settings.legalHolds.filter(
        (h) => h.target.kind === 'jurisdiction' && h.target.jurisdictionPath.startsWith(scope),
      ),
    };
  }

  @Put('settings')
  @AllowRoles('hq_admin')
  @ApiOkResponse({ description: 'the settings after the change (which is itself audited)' })
  updateSettings(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Body() dto: UpdateAuditSettingsDto,
  ): Promise<AuditSettings> {
    return this.commands.execute(new UpdateAuditSettingsCommand(dto.retentionDays, officer));
  }

  @Post('legal-holds')
  @AllowRoles('hq_admin')
  @ApiOkResponse({ description: 'the new hold id' })
  placeHold(@CurrentOfficer() officer: OfficerPrincipal, @Body() dto: PlaceLegalHoldDto): Promise<{ id: string }> {
    const { reason, ...target } = dto;
    return this.commands.execute(new PlaceLegalHoldCommand(target, reason, officer));
  }

  @Post('legal-holds/:id/release')
  @HttpCode(204)
  @AllowRoles('hq_admin')
  async releaseHold(
    @CurrentOfficer() officer: OfficerPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReleaseLegalHoldDto,
  ): Promise<void> {
    await this.commands.execute(new ReleaseLegalHoldCommand(id, dto.reason, officer));
  }

  @Post('purge')
  @HttpCode(200)
  @AllowRoles('hq_admin')
  @ApiOkResponse({ description: 'what retention removed, and the audit.purged events that record it' })
  purge(@CurrentOfficer() officer: OfficerPrincipal): Promise<PurgeResult> {
    return this.commands.execute(new PurgeAuditEventsCommand(officer));
  }
}
