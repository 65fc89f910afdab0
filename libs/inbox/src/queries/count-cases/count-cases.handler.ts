import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseRepository } from '../../persistence/case.repository';
import { CountCasesQuery, InboxCounts } from './count-cases.query';

@QueryHandler(CountCasesQuery)
export class CountCasesHandler implements IQueryHandler<CountCasesQuery> {
  constructor(private readonly cases: CaseRepository) {}

  async execute({ officer }: CountCasesQuery): Promise<InboxCounts[]> {
    return this.cases.countByInbox(officer.jurisdictionPath ?? '');
  }
}
