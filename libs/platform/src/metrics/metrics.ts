import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of this process, served at /metrics. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly outboxPublished = new Counter({
    name: 'jansetu_outbox_published_total',
    help: 'Outbox messages published to the bus, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });
  readonly outboxFailures = new Counter({
    name: 'jansetu_outbox_publish_failures_total',
    help: 'Failed attempts to publish an outbox batch (the batch is retried)',
    registers: [this.registry],
  });
  readonly messagesSent = new Counter({
    name: 'jansetu_messages_sent_total',
    help: 'Messages handed to a channel, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly inboundReceived = new Counter({
    name: 'jansetu_inbound_messages_total',
    help: 'Inbound citizen messages accepted, by channel (duplicates excluded)',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: 'jansetu_webhooks_total',
    help: 'Provider webhook calls answered, by route and HTTP status (successful ones are logged at debug only)',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'jansetu_bus_dead_letters_total',
    help: 'Bus messages a consumer gave up on and parked in dead_letter (npm run cli -- dead-letters:list), by consumer and topic',
    labelNames: ['consumer', 'topic'] as const,
    registers: [this.registry],
  });
  readonly consumed = new Histogram({
    name: 'jansetu_bus_handler_seconds',
    help: 'Time to handle one bus message, by consumer',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jansetu_' });
  }

  /** This process's metrics in Prometheus' text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
