import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RumourRepository, RumourRow } from '../../persistence/rumour.repository';
import { ListRumoursQuery } from './list-rumours.query';

@QueryHandler(ListRumoursQuery)
export class ListRumoursHandler implements IQueryHandler<ListRumoursQuery> {
  constructor(private readonly rumours: RumourRepository) {}

  execute(q: ListRumoursQuery): Promise<RumourRow[]> {
    return this.rumours.list(q.officer.jurisdictionPath, q.status, q.limit, q.offset);
  }
}
