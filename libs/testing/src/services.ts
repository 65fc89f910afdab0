import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** The PostgreSQL server tests use: the one of DATABASE_URL, else the local server (trust auth). */
export function adminDatabaseUrl(): string {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return url.toString();
  }
  return 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database; its name starts with the run's prefix so teardown drops it. */
export async function createDatabase(prefix: string, label: string): Promise<string> {
  const name = `${prefix}_${label}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(name);
}

export async function dropDatabases(prefix: string): Promise<void> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A broker of our own, through the project's script, in a fresh temporary directory. */
export class LocalKafka {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'jansetu-kafka-'));
  constructor(readonly port: number) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private env() {
    return { ...process.env, KAFKA_PORT: String(this.port), KAFKA_DATA_DIR: this.dataDir };
  }

  async start(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'scripts/kafka.sh'), 'start'], { env: this.env(), timeout: 600_000 });
  }

  async stop(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'scripts/kafka.sh'), 'stop'], { env: this.env(), timeout: 60_000 });
  }
}
