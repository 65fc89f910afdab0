import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
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
  ) {}

  async execute({ officer, caseId, action }: TransitionCaseCommand): Promise<{ id: string; status: CaseStatus }> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const next = transitionCase(row.status, action);
      if (next.changed) await this.cases.setStatus(m, row.id, next.status);
      return { id: row.id, status: next.status };
    });
  }
}
