import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseView } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { ListCasesQuery } from './list-cases.query';

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(private readonly cases: CaseRepository) {}

  async execute({ officer, filter }: ListCasesQuery): Promise<CaseView[]> {
    return this.cases.listUnder(officer.jurisdictionPath ?? '', filter);
  }
}
