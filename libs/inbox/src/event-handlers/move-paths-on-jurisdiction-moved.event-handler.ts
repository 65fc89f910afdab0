import { EventsHandler } from '@nestjs/cqrs';
import { JurisdictionMoved } from '@jansetu/jurisdiction';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CaseRepository } from '../persistence/case.repository';

/** The cases under a moved node are seen by the officers of its new place in the tree (audit events never move). */
@EventsHandler(JurisdictionMoved)
export class MoveCasePathsOnJurisdictionMoved implements DomainEventHandler<JurisdictionMoved> {
  constructor(private readonly cases: CaseRepository) {}

  handle(event: JurisdictionMoved, m: EntityManager): Promise<void> {
    return this.cases.moveJurisdictionPaths(m, event.oldPath, event.newPath);
  }
}
