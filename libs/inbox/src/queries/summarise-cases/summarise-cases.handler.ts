import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CaseRepository } from '../../persistence/case.repository';
import { AreaCases, SummariseCasesQuery } from './summarise-cases.query';

@QueryHandler(SummariseCasesQuery)
export class SummariseCasesHandler implements IQueryHandler<SummariseCasesQuery> {
  constructor(private readonly cases: CaseRepository) {}

  async execute({ officer }: SummariseCasesQuery): Promise<AreaCases[]> {
    const scope = officer.jurisdictionPath;
    return this.cases.responseByArea(scope, scope === null ? 'district' : 'station');
  }
}
