import { EventsHandler } from '@nestjs/cqrs';
import { JurisdictionMoved } from '@jansetu/jurisdiction';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { BroadcastRepository } from '../persistence/broadcast.repository';

/** The broadcasts under a moved node are seen by the officers of its new place in the tree (audit events never move). */
@EventsHandler(JurisdictionMoved)
export class MoveBroadcastPathsOnJurisdictionMoved implements DomainEventHandler<JurisdictionMoved> {
  constructor(private readonly broadcasts: BroadcastRepository) {}

  handle(event: JurisdictionMoved, m: EntityManager): Promise<void> {
    return this.broadcasts.moveJurisdictionPaths(m, event.oldPath, event.newPath);
  }
}
