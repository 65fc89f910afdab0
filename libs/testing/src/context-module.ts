import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuditModule } from '@jansetu/audit';
import { ChannelsModule } from '@jansetu/channels';
import { AppConfig, BusMessage, DomainEventDelivery, PlatformModule, Topics } from '@jansetu/platform';
import { testConfig } from './database';
import { createDatabase } from './services';

/** A context's real modules on a fresh, migrated database, as the apps wire them; test code only. */
export interface ContextModule {
  app: INestApplicationContext;
  dataSource: DataSource;
  config: AppConfig;
  commands: CommandBus;
  queries: QueryBus;
  /**
   * Delivers the domain events committed so far (and those their handlers raise) to this module's event handlers
   * and sagas, as the dispatcher's consumer does from the bus; returns how many were delivered.
   */
  deliverEvents(): Promise<number>;
  close(): Promise<void>;
}

export async function contextModule(
  runPrefix: string,
  label: string,
  imports: (Type | DynamicModule)[],
  env: Record<string, string> = {},
): Promise<ContextModule> {
  const url = await createDatabase(runPrefix, label);
  const config = testConfig(url, env);
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot(config, url), ChannelsModule.forRoot(config), AuditModule, ...imports],
  }).compile();
  const app = await moduleRef.init();
  const dataSource = app.get(DataSource);
  const delivery = app.get(DomainEventDelivery);
  return {
    app,
    dataSource,
    config,
    commands: app.get(CommandBus),
    queries: app.get(QueryBus),
    deliverEvents: async () => {
      let delivered = 0;
      for (;;) {
        const rows = await dataSource.query<{ seq: string; payload: BusMessage }[]>(
          `SELECT seq, payload FROM outbox_message WHERE topic = $1 AND published_at IS NULL ORDER BY seq LIMIT 100`,
          [Topics.events],
        );
        if (!rows.length) return delivered;
        for (const row of rows) {
          await delivery.deliver(row.payload);
          await dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE seq = $1`, [row.seq]);
          delivered++;
        }
      }
    },
    close: () => app.close(),
  };
}
