import { EventsHandler } from '@nestjs/cqrs';
import { ReplyDeliveryChanged } from '@jansetu/broadcast';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CaseRepository } from '../persistence/case.repository';

const PREFIX = 'inbox-reply:';

/** An officer's answer shows whether it reached the citizen: sent, delivered, read or failed, from the receipts. */
@EventsHandler(ReplyDeliveryChanged)
export class MarkReplyDelivery implements DomainEventHandler<ReplyDeliveryChanged> {
  constructor(private readonly cases: CaseRepository) {}

  async handle(event: ReplyDeliveryChanged, m: EntityManager): Promise<void> {
    if (!event.ref.startsWith(PREFIX)) return;
    await this.cases.markReplyDelivery(m, event.ref.slice(PREFIX.length), event.status, event.failure);
  }
}
