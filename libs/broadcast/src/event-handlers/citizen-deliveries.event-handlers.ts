import { EventsHandler } from '@nestjs/cqrs';
import { CitizenErased, CitizenStopped, MemberLeft } from '@jansetu/membership';
import { DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { DeliveryRepository } from '../persistence/delivery.repository';

/** LEAVE: queued deliveries that only the group left brought are cancelled. */
@EventsHandler(MemberLeft)
export class CancelDeliveriesOnMemberLeft implements DomainEventHandler<MemberLeft> {
  constructor(private readonly deliveries: DeliveryRepository) {}

  handle(event: MemberLeft, m: EntityManager): Promise<void> {
    return this.deliveries.cancelPendingForMembership(m, event.citizenId, event.groupId);
  }
}

/** STOP: every queued delivery of the citizen is cancelled. */
@EventsHandler(CitizenStopped)
export class CancelDeliveriesOnCitizenStopped implements DomainEventHandler<CitizenStopped> {
  constructor(private readonly deliveries: DeliveryRepository) {}

  handle(event: CitizenStopped, m: EntityManager): Promise<void> {
    return this.deliveries.cancelPendingForCitizen(m, event.citizenId);
  }
}

/** ERASE: every queued delivery of the citizen fails as erased. */
@EventsHandler(CitizenErased)
export class FailDeliveriesOnCitizenErased implements DomainEventHandler<CitizenErased> {
  constructor(private readonly deliveries: DeliveryRepository) {}

  handle(event: CitizenErased, m: EntityManager): Promise<void> {
    return this.deliveries.failPendingForErasedCitizen(m, event.citizenId);
  }
}

export const CitizenDeliveriesEventHandlers = [
  CancelDeliveriesOnMemberLeft,
  CancelDeliveriesOnCitizenStopped,
  FailDeliveriesOnCitizenErased,
];
