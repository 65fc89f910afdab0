import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BroadcastRepository, VerifiableBroadcast } from '../../persistence/broadcast.repository';
import { FindSentBroadcastsQuery, VERIFY_WINDOW_DAYS } from './find-sent-broadcasts.query';

@QueryHandler(FindSentBroadcastsQuery)
export class FindSentBroadcastsHandler implements IQueryHandler<FindSentBroadcastsQuery> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute(q: FindSentBroadcastsQuery): Promise<VerifiableBroadcast[]> {
    if (q.code === null) return this.broadcasts.verifiableSince(VERIFY_WINDOW_DAYS);
    const b = await this.broadcasts.verifiableByCode(q.code);
    return b ? [b] : [];
  }
}
