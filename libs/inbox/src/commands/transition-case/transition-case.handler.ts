import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DomainEvents } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { CaseAcknowledged } from '../../events/case-acknowledged.event';
import { transitionCase } from '../../domain/case-lifecycle';
import { CaseStatus, caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { TransitionCaseCommand } from './transition-case.command';

@CommandHandler(TransitionCaseCommand)
export class TransitionCaseHandler implements ICommandHandler<TransitionCaseCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditRecorder,
    private readonly events: DomainEvents,
  ) {}

  async execute({ officer, caseId, action }: TransitionCaseCommand): Promise<{ id: string; status: CaseStatus }> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const next = transitionCase(row.status, action);
      if (next.changed) {
        await this.cases.setStatus(m, row.id, next.status);
        await this.audit.record(m, {
          chainId: `inbox-case:${row.id}`,
          type: 'inbox.case_transitioned',
          actor: officerActor(officer),
          jurisdictionPath: row.jurisdiction_path,
          subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
          body: { action, from: row.status, to: next.status },
        });
        if (row.status === 'new') await this.events.publish(m, new CaseAcknowledged(row.id, next.status));
      }
      return { id: row.id, status: next.status };
    });
  }
}
