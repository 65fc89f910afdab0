import { IEvent } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';

/**
 * Something that happened in one context that others may react to, named in the past tense (`MemberLeft`). It is
 * published through the outbox in the transaction of the change, so it exists if and only if the change committed,
 * and it reaches every handler at least once. Its fields are plain data (it travels as JSON); its class name is its
 * type on the bus, so renaming an event class is a contract change.
 */
export abstract class DomainEvent implements IEvent {
  /** The aggregate the event is about: the bus key, so the events of one aggregate stay in order. */
  abstract readonly aggregateId: string;
}

/**
 * Reacts to a domain event inside a transaction of its own, given by the delivery: whatever the handler writes
 * commits together with the mark that it ran, so a redelivered event has no second effect. Declare the events with
 * `@EventsHandler(...)` of @nestjs/cqrs; handlers do side effects in their own context only.
 */
export interface DomainEventHandler<E extends DomainEvent> {
  handle(event: E, manager: EntityManager): Promise<void>;
}

/**
 * Turns a domain event into a command of another context (ten lines, no state of its own). It runs outside any
 * transaction of the delivery, because the command opens its own; the command dedupes on its own id.
 */
export interface DomainEventSaga<E extends DomainEvent> {
  readonly kind: 'saga';
  handle(event: E): Promise<void>;
}
