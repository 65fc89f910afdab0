import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseBus } from './database.bus';
import { IdempotentConsumer } from './idempotent-consumer';
import { KafkaBus } from './kafka.bus';
import { MESSAGE_BUS } from './message-bus.port';
import { Outbox } from './outbox';
import { OutboxBatcher } from './outbox-batcher';

/** Kafka when KAFKA_BROKERS is set, else the durable database bus. */
@Global()
@Module({})
export class BusModule {
  static forRoot(): DynamicModule {
    const bus = {
      provide: MESSAGE_BUS,
      inject: [DataSource, APP_CONFIG],
      useFactory: (ds: DataSource, c: AppConfig) => {
        new Logger('Bus').log(
          c.KAFKA_BROKERS ? `bus: Kafka at ${c.KAFKA_BROKERS}` : 'bus: database (embedded); Kafka is off',
        );
        return c.KAFKA_BROKERS ? new KafkaBus(c) : new DatabaseBus(ds, c);
      },
    };
    return {
      module: BusModule,
      providers: [bus, Outbox, OutboxBatcher, IdempotentConsumer],
      exports: [MESSAGE_BUS, Outbox, OutboxBatcher, IdempotentConsumer],
    };
  }
}
