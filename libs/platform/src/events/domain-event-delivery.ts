import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
// The decorator's metadata key; @nestjs/cqrs does not re-export its constants from the package index.
import { EVENTS_HANDLER_METADATA } from '@nestjs/cqrs/dist/decorators/constants';
import { IdempotentConsumer } from '../bus/idempotent-consumer';
import { BusMessage } from '../bus/message-bus.port';
import { DomainEvent, DomainEventHandler, DomainEventSaga } from './domain-event';

type EventClass = (new (...args: never[]) => DomainEvent) & { prototype: DomainEvent };

interface Registered {
  name: string;
  handler: DomainEventHandler<DomainEvent> | DomainEventSaga<DomainEvent>;
}

/**
 * Hands a domain event from the bus to every `@EventsHandler` that declared its class, each in a transaction of its
 * own marked with the handler's name and the event id: at least once, idempotently (a saga's command dedupes on its
 * own id instead). A handler that throws makes the whole message come again; the handlers that already ran skip it.
 */
@Injectable()
export class DomainEventDelivery implements OnApplicationBootstrap {
  private readonly logger = new Logger(DomainEventDelivery.name);
  private readonly classes = new Map<string, EventClass>();
  private readonly handlers = new Map<string, Registered[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly idempotent: IdempotentConsumer,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      const instance = wrapper.instance as Registered['handler'] | undefined;
      if (!metatype || !instance) continue;
      const events = (Reflect.getMetadata(EVENTS_HANDLER_METADATA, metatype) ?? []) as EventClass[];
      for (const event of events) {
        this.classes.set(event.name, event);
        const list = this.handlers.get(event.name) ?? [];
        list.push({ name: metatype.name, handler: instance });
        this.handlers.set(event.name, list);
      }
    }
  }

  /** The event types some handler of this process reacts to. */
  get types(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async deliver(message: BusMessage): Promise<void> {
    const handlers = this.handlers.get(message.type);
    const type = this.classes.get(message.type);
    if (!handlers || !type) {
      this.logger.debug(`no handler for ${message.type}`);
      return;
    }
    const event = Object.assign(Object.create(type.prototype as object) as DomainEvent, message.payload);
    for (const { name, handler } of handlers) {
      if ('kind' in handler && handler.kind === 'saga') await handler.handle(event);
      else await this.idempotent.once(`event:${name}`, message.id, (manager) => handler.handle(event, manager));
    }
  }
}
