import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
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
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, assigneeId }: AssignCaseCommand) {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const assignee = assertAssignable(await this.directory.officer(m, assigneeId), row.jurisdiction_path);
      await this.cases.assign(m, row.id, assignee.id);
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.case_assigned',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number), officerId: assignee.id },
        body: { assignedOfficerId: assignee.id },
      });

      return { id: row.id, assignedOfficerId: assignee.id };
    });
  }
}
