import { EventsHandler } from '@nestjs/cqrs';
import { RecipientOptedOut } from '@jansetu/channels';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CitizenRepository } from '../persistence/citizen.repository';

/** A provider said the recipient opted out: that contact point gets nothing more until the citizen joins again. */
@EventsHandler(RecipientOptedOut)
export class CloseContactPointOnOptOut implements DomainEventHandler<RecipientOptedOut> {
  constructor(private readonly citizens: CitizenRepository) {}

  handle(event: RecipientOptedOut, m: EntityManager): Promise<void> {
    return this.citizens.closeContactPoint(m, event.contactPointId);
  }
}
