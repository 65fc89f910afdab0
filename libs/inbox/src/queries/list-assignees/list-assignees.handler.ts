import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OperationalRoles } from '@jansetu/identity';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { CaseAssignee, ListAssigneesQuery } from './list-assignees.query';

@QueryHandler(ListAssigneesQuery)
export class ListAssigneesHandler implements IQueryHandler<ListAssigneesQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async execute({ officer, caseId }: ListAssigneesQuery): Promise<CaseAssignee[]> {
    const m = this.dataSource.manager;
    const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
    // The same rule AssignCase applies (assertAssignable), narrowed to the caller's own jurisdiction.
    return this.directory.assignees(m, row.jurisdiction_path, officer.jurisdictionPath ?? '', OperationalRoles);
  }
}
