import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { CaseDetail, GetCaseQuery } from './get-case.query';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async execute({ officer, caseId }: GetCaseQuery): Promise<CaseDetail> {
    const m = this.dataSource.manager;
    caseVisibleTo(officer, await this.cases.findRow(m, caseId));
    // Cases are never deleted: the row just read is there.
    const view = await this.cases.findView(caseId, m);
    if (!view) throw new NotFoundError('case / केस');
    return { ...view, notes: await this.cases.notesOf(caseId, m), ...(await this.cases.conversationOf(caseId, m)) };
  }
}
