import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RevealRepository } from '../../persistence/reveal.repository';
import { ListRevealsQuery, RevealReport } from './list-reveals.query';

@QueryHandler(ListRevealsQuery)
export class ListRevealsHandler implements IQueryHandler<ListRevealsQuery> {
  constructor(private readonly reveals: RevealRepository) {}

  async execute({ officer, limit, offset }: ListRevealsQuery): Promise<RevealReport[]> {
    return this.reveals.report(officer.jurisdictionPath ?? '', limit, offset);
  }
}
