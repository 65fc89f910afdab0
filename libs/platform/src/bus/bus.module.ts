import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DatabaseBus } from './database.bus';
import { IdempotentConsumer } from './idempotent-consumer';
import { KafkaBus } from './kafka.bus';
import { MESSAGE_BUS } from './message-bus.port';
import { Outbox } from './outbox';

/** Kafka when KAFKA_BROKERS is set, else the durable database bus. */
@Global()
@Module({})
export class BusModule {
  static forRoot(config: AppConfig): DynamicModule {
    const bus = config.KAFKA_BROKERS
      ? { provide: MESSAGE_BUS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new KafkaBus(c) }
      : {
          provide: MESSAGE_BUS,
          inject: [DataSource, APP_CONFIG],
          useFactory: (ds: DataSource, c: AppConfig) => new DatabaseBus(ds, c),
        };
    new Logger('Bus').log(config.KAFKA_BROKERS ? 'bus: Kafka' : 'bus: embedded (database); Kafka is off');
    return {
      module: BusModule,
      providers: [bus, Outbox, IdempotentConsumer],
      exports: [MESSAGE_BUS, Outbox, IdempotentConsumer],
    };
  }
}
