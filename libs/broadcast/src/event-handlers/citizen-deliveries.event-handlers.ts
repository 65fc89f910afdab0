import { EventsHandler } from '@nestjs/cqrs';
import { CitizenErased, CitizenStopped, MemberLeft } from '@jansetu/membership';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CitizenDeliveriesRepository } from '../persistence/citizen-deliveries.repository';

/** LEAVE: queued deliveries that only the group left brought are cancelled. */
@EventsHandler(MemberLeft)
export class CancelDeliveriesOnMemberLeft implements DomainEventHandler<MemberLeft> {
  constructor(private readonly deliveries: CitizenDeliveriesRepository) {}

  handle(event: MemberLeft, m: EntityManager): Promise<void> {
    return this.deliveries.cancelForLeftGroup(m, event.citizenId, event.groupId);
  }
}

/** STOP: every queued delivery of the citizen is cancelled. */
@EventsHandler(CitizenStopped)
export class CancelDeliveriesOnCitizenStopped implements DomainEventHandler<CitizenStopped> {
  constructor(private readonly deliveries: CitizenDeliveriesRepository) {}

  handle(event: CitizenStopped, m: EntityManager): Promise<void> {
    return this.deliveries.cancelForOptOut(m, event.citizenId);
  }
}

/** ERASE: every queued delivery of the citizen fails as erased. */
@EventsHandler(CitizenErased)
export class FailDeliveriesOnCitizenErased implements DomainEventHandler<CitizenErased> {
  constructor(private readonly deliveries: CitizenDeliveriesRepository) {}

  handle(event: CitizenErased, m: EntityManager): Promise<void> {
    return this.deliveries.failForErasure(m, event.citizenId);
  }
}

export const CitizenDeliveriesEventHandlers = [
  CancelDeliveriesOnMemberLeft,
  CancelDeliveriesOnCitizenStopped,
  FailDeliveriesOnCitizenErased,
];
