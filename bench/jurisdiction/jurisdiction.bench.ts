import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, bench, describe, expect } from 'vitest';
import { ImportJurisdictionsCommand, ImportJurisdictionsHandler, JurisdictionLookup } from '@jansetu/jurisdiction';
import {
  dataSourceOptions,
  DomainEvent,
  DomainEvents,
  domainEventEntry,
  EmbeddedPostgres,
  ensureEmbeddedSecrets,
  loadConfig,
  migrate,
  Outbox,
} from '@jansetu/platform';
import { createDatabase, dropDatabases, testConfig } from '@jansetu/testing';
import { generateSyntheticState } from '../generate-synthetic-state';

/**
 * The full synthetic state (38 districts, 101 subdivisions, 1,400 stations, 45,000 localities) through
 * ImportJurisdictionsHandler, against a plain INSERT of the same rows in the same run; and a district's subtree by
 * materialised path, against a recursive walk of parent_id and a primary-key lookup.
 */
const rows = generateSyntheticState();
const prefix = `jansetu_bench_${process.pid}`;
let dataSource: DataSource;
let handler: ImportJurisdictionsHandler;
const lookup = new JurisdictionLookup();

// The baseline inserts the same rows with ids and paths worked out beforehand: the least any import can do.
const ids = new Map(rows.map((r) => [r.code, randomUUID()]));
const paths = new Map<string, string>();
for (const r of rows) paths.set(r.code, `${r.parentCode ? paths.get(r.parentCode) : '/'}${ids.get(r.code)}/`);
const plainInsert = async (into = dataSource) =>
  into.query(
    `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      rows.map((r) => ids.get(r.code)),
      rows.map((r) => r.code),
      rows.map((r) => (r.parentCode ? ids.get(r.parentCode) : null)),
      rows.map((r) => r.level),
      rows.map((r) => r.nameEn),
      rows.map((r) => r.nameHi),
      rows.map((r) => paths.get(r.code)),
    ],
  );
// The handler publishes JurisdictionMoved through the outbox as in the apps (here without a Nest context).
const outbox = new Outbox();
const events = {
  publish: async (m: EntityManager, ...list: DomainEvent[]) => {
    for (const e of list) await outbox.add(m, domainEventEntry(e));
  },
} as DomainEvents;
const empty = (from = dataSource) => from.query(`TRUNCATE jurisdiction_node CASCADE`);

// Embedded mode: the same SQL on PGlite (PostgreSQL in WASM, one connection), started on first use.
let embedded:
  { dir: string; pg: EmbeddedPostgres; dataSource: DataSource; handler: ImportJurisdictionsHandler } | undefined;
const startEmbedded = async () => {
  if (embedded) return;
  const dir = mkdtempSync(join(tmpdir(), 'jansetu-bench-pglite-'));
  const config = loadConfig(ensureEmbeddedSecrets({ DATA_DIR: dir, LOG_LEVEL: 'warn' }));
  const pg = await EmbeddedPostgres.start(dir);
  const ds = await new DataSource(dataSourceOptions(config, pg.url)).initialize();
  await migrate(ds, config);
  embedded = { dir, pg, dataSource: ds, handler: new ImportJurisdictionsHandler(ds, events) };
};

beforeAll(async () => {
  const url = await createDatabase(prefix, 'jurisdiction');
  const config = testConfig(url);
  dataSource = await new DataSource(dataSourceOptions(config, url)).initialize();
  await migrate(dataSource, config);
  handler = new ImportJurisdictionsHandler(dataSource, events);
});
afterAll(async () => {
  await dataSource?.destroy();
  await dropDatabases(prefix);
  await embedded?.dataSource.destroy();
  await embedded?.pg.stop();
  if (embedded) rmSync(embedded.dir, { recursive: true, force: true });
});

const slow = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };

describe(`import ${rows.length.toLocaleString('en-IN')} nodes`, () => {
  bench(
    'ImportJurisdictionsHandler into an empty tree (validate, stage, upsert level by level)',
    async () => {
      await empty();
      const result = await handler.execute(new ImportJurisdictionsCommand(rows));
      expect(result.created).toBe(rows.length);
    },
    slow,
  );
  bench(
    'baseline: one INSERT of the same rows, ids and paths precomputed',
    async () => {
      await empty();
      await plainInsert();
    },
    slow,
  );
  bench(
    're-import of the same rows into the full tree (nothing changes)',
    async () => {
      const result = await handler.execute(new ImportJurisdictionsCommand(rows));
      expect(result.unchanged).toBe(rows.length);
    },
    slow,
  );
});

describe('resolve a district subtree in the full tree', () => {
  // Vitest runs no hooks of nested suites in bench mode; tinybench's setup runs before each benchmark instead.
  let district: { id: string; path: string } | undefined;
  const fullTree = async () => {
    if (district) return;
    await empty();
    await handler.execute(new ImportJurisdictionsCommand(rows));
    [district] = await dataSource.query(`SELECT id, path FROM jurisdiction_node WHERE code = 'SYN-D01'`);
  };
  const fast = { time: 2000, warmupTime: 200, setup: fullTree };

  bench(
    'materialised path: every node of the district',
    async () => {
      expect((await lookup.subtree(dataSource.manager, district!.path, null, 100_000)).length).toBeGreaterThan(500);
    },
    fast,
  );
  bench(
    "materialised path: the district's stations",
    async () => {
      expect((await lookup.subtree(dataSource.manager, district!.path, 'station')).length).toBeGreaterThan(10);
    },
    fast,
  );
  bench(
    'baseline: recursive walk of parent_id from the district',
    async () => {
      const found = await dataSource.query(
        `WITH RECURSIVE sub AS (
           SELECT id, code, parent_id, level, name_en, name_hi FROM jurisdiction_node WHERE id = $1
           UNION ALL
           SELECT n.id, n.code, n.parent_id, n.level, n.name_en, n.name_hi
             FROM jurisdiction_node n JOIN sub ON n.parent_id = sub.id)
         SELECT * FROM sub`,
        [district!.id],
      );
      expect(found.length).toBeGreaterThan(500);
    },
    fast,
  );
  bench(
    'baseline: primary-key lookup of the district node',
    async () => {
      expect(await dataSource.query(`SELECT * FROM jurisdiction_node WHERE id = $1`, [district!.id])).toHaveLength(1);
    },
    fast,
  );
});

describe(`embedded mode (PGlite): import ${rows.length.toLocaleString('en-IN')} nodes`, () => {
  const once = { iterations: 2, time: 0, warmupIterations: 0, warmupTime: 0, setup: startEmbedded };
  bench(
    'ImportJurisdictionsHandler into an empty tree',
    async () => {
      await empty(embedded!.dataSource);
      expect((await embedded!.handler.execute(new ImportJurisdictionsCommand(rows))).created).toBe(rows.length);
    },
    once,
  );
  bench(
    'baseline: one INSERT of the same rows, ids and paths precomputed',
    async () => {
      await empty(embedded!.dataSource);
      await plainInsert(embedded!.dataSource);
    },
    once,
  );
});
