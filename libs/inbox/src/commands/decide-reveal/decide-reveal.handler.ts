import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR, officerActor } from '@jansetu/audit';
import { FieldCipher, NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRow, caseVisibleTo } from '../../domain/case-view';
import { openRevealSeal } from '../../domain/reveal-seal';
import { REVEAL_VIEW_HOURS, RevealStateError, assertMayDecide } from '../../domain/reveal-request-policy';
import { SENDER_LINK_CIPHER } from '../../domain/sender-link';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { RevealRepository, RevealRequestRow } from '../../persistence/reveal.repository';
import { DecideRevealCommand, RevealDecided } from './decide-reveal.command';

@CommandHandler(DecideRevealCommand)
export class DecideRevealHandler implements ICommandHandler<DecideRevealCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly reveals: RevealRepository,
    private readonly directory: DirectoryRepository,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: DecideRevealCommand): Promise<RevealDecided> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const req = await this.reveals.lock(m, cmd.requestId);
      if (!req) throw new NotFoundError('reveal request / पहचान अनुरोध');
      const row = caseVisibleTo(cmd.officer, await this.cases.findRow(m, req.case_id));
      const requester = await this.directory.officer(m, req.requested_by);
      assertMayDecide(cmd.officer, { id: req.requested_by, role: requester!.role, path: requester!.path });
      if (req.status !== 'requested') {
        throw new RevealStateError(`the request is already ${req.status} / अनुरोध पहले ही निपट चुका है`);
      }
      // Too late: the expiry is recorded (and audited) even though this decision is refused.
      if (req.overdue) return this.expireOverdue(m);
      return cmd.decision === 'approve' ? this.approve(m, cmd, req, row) : this.refuse(m, cmd, req, row);
    });
    if ('expired' in outcome) {
      throw new RevealStateError('the approval deadline has passed / स्वीकृति की समय-सीमा बीत गई');
    }
    return outcome;
  }

  private async approve(m: EntityManager, cmd: DecideRevealCommand, req: RevealRequestRow, row: CaseRow) {
    let revealedSealed: string | null = null;
    if (row.anonymous) {
      if (!row.reveal_sealed) {
        throw new ValidationError('the sender erased their data / नागरिक ने अपना डेटा मिटा दिया है');
      }
      if (!cmd.revealPrivateKey) {
        throw new ValidationError('an anonymous case needs the HQ reveal key / गुप्त केस के लिए मुख्यालय की रिवील कुंजी चाहिए');
      }
      // Opened once, with the key the approver brought; kept only for the requester's view window.
      revealedSealed = this.linkCipher.encrypt(openRevealSeal(row.reveal_sealed, cmd.revealPrivateKey));
    }
    const note = cmd.note?.trim() || null;
    const viewUntil = await this.reveals.approve(m, req.id, cmd.officer.id, note, REVEAL_VIEW_HOURS, revealedSealed);
    await this.audit.record(m, {
      chainId: `inbox-case:${row.id}`,
      type: 'inbox.reveal_approved',
      actor: officerActor(cmd.officer),
      jurisdictionPath: row.jurisdiction_path,
      subject: { tipId: row.id, caseNumber: Number(row.case_number), revealRequestId: req.id },
      body: { requestedBy: req.requested_by, reference: req.reference, note, viewUntil, hqKeyUsed: row.anonymous },
    });
    return { id: req.id, status: 'approved' as const, viewUntil };
  }

  private async refuse(m: EntityManager, cmd: DecideRevealCommand, req: RevealRequestRow, row: CaseRow) {
    const note = cmd.note?.trim() || null;
    await this.reveals.refuse(m, req.id, cmd.officer.id, note);
    await this.audit.record(m, {
      chainId: `inbox-case:${row.id}`,
      type: 'inbox.reveal_refused',
      actor: officerActor(cmd.officer),
      jurisdictionPath: row.jurisdiction_path,
      subject: { tipId: row.id, caseNumber: Number(row.case_number), revealRequestId: req.id },
      body: { requestedBy: req.requested_by, reference: req.reference, note },
    });
    return { id: req.id, status: 'refused' as const, viewUntil: null };
  }

  private async expireOverdue(m: EntityManager): Promise<{ expired: true }> {
    for (const e of await this.reveals.expireOverdue(m)) await this.audit.record(m, expiredEvent(e));
    return { expired: true };
  }
}

/** The audit event of a request that ran out unanswered. */
export function expiredEvent(e: {
  id: string;
  caseId: string;
  requestedBy: string;
  jurisdictionPath: string;
  caseNumber: number;
}) {
  return {
    chainId: `inbox-case:${e.caseId}`,
    type: 'inbox.reveal_expired',
    actor: SYSTEM_ACTOR,
    jurisdictionPath: e.jurisdictionPath,
    subject: { tipId: e.caseId, caseNumber: e.caseNumber, revealRequestId: e.id },
    body: { requestedBy: e.requestedBy },
  };
}
