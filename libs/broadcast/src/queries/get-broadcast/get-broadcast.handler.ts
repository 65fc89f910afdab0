import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { mayView } from '../../domain/approval-rules';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { BroadcastView, GetBroadcastQuery } from './get-broadcast.query';

@QueryHandler(GetBroadcastQuery)
export class GetBroadcastHandler implements IQueryHandler<GetBroadcastQuery> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  async execute(q: GetBroadcastQuery): Promise<BroadcastView> {
    const b = await this.broadcasts.findSummary(q.id);
    // Outside the officer's jurisdiction reads as absent: no hint that it exists.
    if (!b || !mayView(q.officer, b.path)) throw new NotFoundError(`broadcast ${q.id}`);
    return {
      id: b.id,
      category: b.category,
      status: b.status,
      recipients: b.recipients,
      audienceEstimate: b.audienceEstimate,
      audienceResolving: b.audienceResolving,
      createdAt: b.createdAt,
      verificationCode: b.verificationCode,
      byStatus: b.byStatus,
      byChannel: b.byChannel,
      byReason: b.byReason,
      // An emergency's review (deadline, where it sits, escalations, the verdict); absent for other broadcasts.
      review: b.review ?? undefined,
    };
  }
}
