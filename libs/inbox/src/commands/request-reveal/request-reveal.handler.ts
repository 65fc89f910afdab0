import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import {
  REVEAL_APPROVAL_HOURS,
  REVEAL_REQUESTS_PER_DAY,
  RevealRateLimitedError,
  RevealStateError,
  assertMayRequest,
  revealRequestReason,
} from '../../domain/reveal-request-policy';
import { CaseRepository } from '../../persistence/case.repository';
import { RevealRepository } from '../../persistence/reveal.repository';
import { RequestRevealCommand, RevealRequested } from './request-reveal.command';

@CommandHandler(RequestRevealCommand)
export class RequestRevealHandler implements ICommandHandler<RequestRevealCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly reveals: RevealRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, reason }: RequestRevealCommand): Promise<RevealRequested> {
    assertMayRequest(officer);
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      const caseNumber = Number(row.case_number);
      const why = revealRequestReason(reason, caseNumber);
      await this.reveals.lockRequester(m, officer.id);
      if ((await this.reveals.countSince(m, officer.id, 24)) >= REVEAL_REQUESTS_PER_DAY) {
        throw new RevealRateLimitedError();
      }
      if (await this.reveals.openFor(m, row.id, officer.id)) {
        throw new RevealStateError('a request for this case is already open / इस केस का अनुरोध पहले से खुला है');
      }
      const req = await this.reveals.insert(m, {
        caseId: row.id,
        requestedBy: officer.id,
        reason: why.reason,
        reference: why.reference,
        approvalHours: REVEAL_APPROVAL_HOURS,
      });
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.reveal_requested',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber, revealRequestId: req.id },
        body: { reason: why.reason, reference: why.reference, expiresAt: req.expiresAt },
      });
      return { id: req.id, caseId: row.id, status: 'requested' as const, expiresAt: req.expiresAt };
    });
  }
}
