import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
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
      }
      return { id: row.id, status: next.status };
    });
  }
}
