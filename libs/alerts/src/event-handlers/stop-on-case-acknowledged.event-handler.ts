import { EventsHandler } from '@nestjs/cqrs';
import { CaseAcknowledged } from '@jansetu/inbox';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { AlertRepository } from '../persistence/alert.repository';

/** Someone has the case: its alert escalates no further. */
@EventsHandler(CaseAcknowledged)
export class StopOnCaseAcknowledged implements DomainEventHandler<CaseAcknowledged> {
  constructor(private readonly alerts: AlertRepository) {}

  async handle(event: CaseAcknowledged, m: EntityManager): Promise<void> {
    await this.alerts.acknowledge(m, event.caseId);
  }
}
