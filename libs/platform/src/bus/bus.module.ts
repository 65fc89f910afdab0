import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Metrics } from '../metrics/metrics';
import { DatabaseBus } from './database.bus';
import { DeadLetters } from './dead-letters';
import { IdempotentConsumer } from './idempotent-consumer';
import { KafkaBus } from './kafka.bus';
import { MESSAGE_BUS } from './message-bus.port';
import { Outbox } from './outbox';
import { OutboxBatcher } from './outbox-batcher';

/** Kafka when KAFKA_BROKERS is set, else the durable database bus; either way with the dead-letter path. */
@Global()
@Module({})
export class BusModule {
  static forRoot(): DynamicModule {
    const bus = {
      provide: MESSAGE_BUS,
      inject: [DataSource, APP_CONFIG, DeadLetters],
      useFactory: (ds: DataSource, c: AppConfig, deadLetters: DeadLetters) => {
        new Logger('Bus').log(
          c.KAFKA_BROKERS ? `bus: Kafka at ${c.KAFKA_BROKERS}` : 'bus: database (embedded); Kafka is off',
        );
        return c.KAFKA_BROKERS ? new KafkaBus(c, deadLetters) : new DatabaseBus(ds, c, deadLetters);
      },
    };
    const deadLetters = {
      provide: DeadLetters,
      inject: [DataSource, APP_CONFIG, Metrics],
      useFactory: (ds: DataSource, c: AppConfig, metrics: Metrics) => new DeadLetters(ds, c, metrics),
    };
    return {
      module: BusModule,
      providers: [bus, deadLetters, Outbox, OutboxBatcher, IdempotentConsumer],
      exports: [MESSAGE_BUS, DeadLetters, Outbox, OutboxBatcher, IdempotentConsumer],
    };
  }
}
