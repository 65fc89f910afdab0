import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { migrations } from './migrations';

const MIGRATION_LOCK = 7_346_201; // pg advisory lock id: one process migrates at a time

export function dataSourceOptions(config: AppConfig, url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    // PGlite serves one connection; the shared PostgreSQL takes a real pool.
    extra: { max: config.mode === 'embedded' ? 1 : config.DATABASE_POOL_SIZE },
  };
}

/** Runs pending migrations; in distributed mode under an advisory lock so gateway and dispatcher never race. */
export async function migrate(dataSource: DataSource, config: AppConfig): Promise<void> {
  if (config.mode === 'embedded') {
    await dataSource.runMigrations();
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await dataSource.runMigrations();
    if (done.length) new Logger('Persistence').log(`applied ${done.length} migration(s)`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

@Module({})
export class PersistenceModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config, url), autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource, config);
            return dataSource;
          },
        }),
      ],
    };
  }
}
