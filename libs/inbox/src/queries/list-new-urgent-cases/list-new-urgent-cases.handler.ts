import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseRepository } from '../../persistence/case.repository';
import { NewUrgentCase } from '../get-case/get-case.query';
import { ListNewUrgentCasesQuery } from './list-new-urgent-cases.query';

@QueryHandler(ListNewUrgentCasesQuery)
export class ListNewUrgentCasesHandler implements IQueryHandler<ListNewUrgentCasesQuery> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ since }: ListNewUrgentCasesQuery): Promise<NewUrgentCase[]> {
    return this.cases.urgentSince(since);
  }
}
