import { EventsHandler } from '@nestjs/cqrs';
import { JurisdictionMoved } from '@jansetu/jurisdiction';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { OfficerRepository } from '../persistence/officer.repository';

/**
 * Officers posted under a moved node keep their posting; their copied path follows it, so listings by subtree stay
 * right. Their tokens carry the old path until they refresh (at most JWT_TTL_SECONDS).
 */
@EventsHandler(JurisdictionMoved)
export class MoveOfficerPathsOnJurisdictionMoved implements DomainEventHandler<JurisdictionMoved> {
  constructor(private readonly officers: OfficerRepository) {}

  handle(event: JurisdictionMoved, m: EntityManager): Promise<void> {
    return this.officers.moveJurisdictionPaths(m, event.oldPath, event.newPath);
  }
}
