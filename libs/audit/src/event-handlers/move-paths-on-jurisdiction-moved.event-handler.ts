import { EventsHandler } from '@nestjs/cqrs';
import { JurisdictionMoved } from '@jansetu/jurisdiction';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { LegalHoldRepository } from '../persistence/legal-hold.repository';

/** The legal holds under a moved node are seen by the officers of its new place in the tree (audit events never move). */
@EventsHandler(JurisdictionMoved)
export class MoveHoldPathsOnJurisdictionMoved implements DomainEventHandler<JurisdictionMoved> {
  constructor(private readonly holds: LegalHoldRepository) {}

  handle(event: JurisdictionMoved, m: EntityManager): Promise<void> {
    return this.holds.moveJurisdictionPaths(m, event.oldPath, event.newPath);
  }
}
