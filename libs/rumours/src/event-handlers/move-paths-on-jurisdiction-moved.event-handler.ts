import { EventsHandler } from '@nestjs/cqrs';
import { JurisdictionMoved } from '@jansetu/jurisdiction';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { ClusterRepository } from '../persistence/cluster.repository';
import { RumourRepository } from '../persistence/rumour.repository';

/** Rumours and reports under a moved node are managed and counted at its new place in the tree. */
@EventsHandler(JurisdictionMoved)
export class MoveRumourPathsOnJurisdictionMoved implements DomainEventHandler<JurisdictionMoved> {
  constructor(
    private readonly rumours: RumourRepository,
    private readonly clusters: ClusterRepository,
  ) {}

  async handle(event: JurisdictionMoved, m: EntityManager): Promise<void> {
    await this.rumours.moveJurisdictionPaths(m, event.oldPath, event.newPath);
    await this.clusters.moveJurisdictionPaths(m, event.oldPath, event.newPath);
  }
}
