import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BATCH_TYPE, summariseTrail } from '../../domain/broadcast-trail';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { BroadcastTrail, GetBroadcastTrailQuery } from './get-broadcast-trail.query';

@QueryHandler(GetBroadcastTrailQuery)
export class GetBroadcastTrailHandler implements IQueryHandler<GetBroadcastTrailQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
  ) {}

  async execute({ broadcastId, scopePath }: GetBroadcastTrailQuery): Promise<BroadcastTrail> {
    const chainId = `broadcast:${broadcastId}`;
    const acts = await this.events.chainEventsExcept(this.dataSource, chainId, scopePath, BATCH_TYPE);
    const batches = await this.events.chainSpanOfType(this.dataSource, chainId, scopePath, BATCH_TYPE);
    if (!acts.length && !batches.n) throw new NotFoundError(`audit trail of broadcast ${broadcastId}`);
    const counts = await this.events.latestOutcomeCounts(this.dataSource, chainId, scopePath);
    return summariseTrail({ broadcastId, chainId, acts, batches, counts });
  }
}
