import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, loadConfig, migrate } from '@jansetu/platform';
import { createDatabase } from './services';

/** A distributed-mode configuration for in-process tests. */
export function testConfig(databaseUrl: string, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    OUTBOX_POLL_MS: '50',
    ...extra,
  });
}

/** A fresh database with every migration applied, as the apps would leave it. */
export async function migratedDataSource(
  runPrefix: string,
  label: string,
): Promise<{ dataSource: DataSource; config: AppConfig }> {
  const url = await createDatabase(runPrefix, label);
  const config = testConfig(url);
  const dataSource = await new DataSource(dataSourceOptions(config, url)).initialize();
  await migrate(dataSource, config);
  return { dataSource, config };
}
