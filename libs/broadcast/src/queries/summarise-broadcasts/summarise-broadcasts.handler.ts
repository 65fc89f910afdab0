import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { BroadcastSummary, SummariseBroadcastsQuery } from './summarise-broadcasts.query';

/** How many of the waiting decisions a home screen lists (the approvals screen lists them all). */
const FIRST_DECISIONS = 5;

@QueryHandler(SummariseBroadcastsQuery)
export class SummariseBroadcastsHandler implements IQueryHandler<SummariseBroadcastsQuery> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute({ officer, todayFrom, windowFrom }: SummariseBroadcastsQuery): Promise<BroadcastSummary> {
    const scope = officer.jurisdictionPath;
    const [today, byArea, decisions] = await Promise.all([
      this.broadcasts.createdSince(scope, todayFrom),
      this.broadcasts.deliveryByArea(scope, scope === null ? 'district' : 'station', windowFrom),
      this.broadcasts.decisionsFor(officer, FIRST_DECISIONS),
    ]);
    return { today, byArea, decisions };
  }
}
