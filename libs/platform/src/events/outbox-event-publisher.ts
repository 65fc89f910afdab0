import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus, IEvent, IEventPublisher } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { Outbox, OutboxEntry } from '../bus/outbox';
import { Topics } from '../bus/message-bus.port';
import { DomainEvent } from './domain-event';

/** What a publish needs: the transaction of the state change the event belongs to. */
export interface InTransaction {
  manager: EntityManager;
}

/**
 * The CQRS EventBus's publisher: every event goes into the outbox (topic jansetu.events.v1) in the caller's
 * transaction, never to an in-memory stream, so an event commits with its state change or not at all.
 * `DomainEventDelivery` hands it to the handlers once the relay has put it on the bus.
 */
@Injectable()
export class OutboxEventPublisher implements IEventPublisher, OnModuleInit {
  constructor(
    private readonly eventBus: EventBus,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    this.eventBus.publisher = this;
  }

  async publish<E extends IEvent>(event: E, context?: unknown): Promise<void> {
    const manager = (context as InTransaction | undefined)?.manager;
    if (!(event instanceof DomainEvent)) throw new Error(`${event.constructor.name} is not a DomainEvent`);
    if (!manager) throw new Error(`${event.constructor.name}: domain events are published inside a transaction`);
    await this.outbox.add(manager, domainEventEntry(event));
  }
}

/** How a domain event sits in the outbox: on jansetu.events.v1, keyed by its aggregate, typed by its class. */
export function domainEventEntry(event: DomainEvent): OutboxEntry<Record<string, unknown>> {
  return { topic: Topics.events, key: event.aggregateId, type: event.constructor.name, payload: { ...event } };
}

/** Publishes domain events through the CQRS EventBus (and so through the outbox), in the caller's transaction. */
@Injectable()
export class DomainEvents {
  constructor(private readonly eventBus: EventBus) {}

  async publish(manager: EntityManager, ...events: DomainEvent[]): Promise<void> {
    for (const event of events) await this.eventBus.publish(event, { manager } satisfies InTransaction);
  }
}
