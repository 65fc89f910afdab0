import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEventDelivery, MESSAGE_BUS, MessageBus, Metrics, Topics } from '@jansetu/platform';

/** jansetu.events.v1 → the contexts' event handlers and sagas (MemberLeft → broadcast cancels its deliveries, ...). */
@Injectable()
export class DomainEventsConsumer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly delivery: DomainEventDelivery,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('domain-events', Topics.events, async (message) => {
      const end = this.metrics.consumed.startTimer({ consumer: 'domain-events' });
      await this.delivery.deliver(message);
      end();
    });
  }
}
