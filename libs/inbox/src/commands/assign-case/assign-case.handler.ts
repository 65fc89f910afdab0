import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { assertAssignable } from '../../domain/assignment-policy';
import { caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { AssignCaseCommand } from './assign-case.command';

@CommandHandler(AssignCaseCommand)
export class AssignCaseHandler implements ICommandHandler<AssignCaseCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async execute({ officer, caseId, assigneeId }: AssignCaseCommand) {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const assignee = assertAssignable(await this.directory.officer(m, assigneeId), row.jurisdiction_path);
      await this.cases.assign(m, row.id, assignee.id);
      return { id: row.id, assignedOfficerId: assignee.id };
    });
  }
}
