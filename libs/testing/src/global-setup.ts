import type { TestProject } from 'vitest/node';
import { Client } from 'pg';
import { adminDatabaseUrl, dropDatabases, LocalKafka } from './services';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    runPrefix: string;
  }
}

/**
 * Starts what the tests need and is not already there: a Kafka broker through scripts/kafka.sh when KAFKA_BROKERS
 * is unset; databases are created per suite on the PostgreSQL of DATABASE_URL or the local server. Either service
 * missing is a failure, never a skip. Everything started here is stopped and dropped afterwards, whatever the outcome.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runPrefix = `jansetu_test_${process.pid}`;
  const client = new Client({ connectionString: adminDatabaseUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.end();
  } catch (e) {
    throw new Error(
      `PostgreSQL is required for the tests and could not be reached at ${adminDatabaseUrl()}: ${(e as Error).message}`,
    );
  }

  let kafka: LocalKafka | undefined;
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  if (!kafkaBrokers) {
    kafka = new LocalKafka(Number(process.env.TEST_KAFKA_PORT ?? 19092));
    try {
      await kafka.start();
    } catch (e) {
      throw new Error(`Kafka is required for the tests and the local broker could not start: ${(e as Error).message}`);
    }
    kafkaBrokers = kafka.brokers;
  }
  project.provide('kafkaBrokers', kafkaBrokers);
  project.provide('runPrefix', runPrefix);

  return async () => {
    await dropDatabases(runPrefix).catch((e: Error) => console.error(`could not drop test databases: ${e.message}`));
    await kafka?.stop();
  };
}
