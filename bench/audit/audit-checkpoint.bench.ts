/**
 * The cost of a signed audit checkpoint at 10,000 and 100,000 chains, against reading the chain heads alone
 * (`SELECT ... FROM audit_chain`) in the same run:
 *
 *   npx vitest bench --run --config bench/vitest.bench.config.mts bench/audit/audit-checkpoint.bench.ts
 *
 * Needs the PostgreSQL of the tests (DATABASE_URL, else 127.0.0.1:5432); creates a fresh database, writes three
 * events per chain with INSERT ... SELECT generate_series, and times: the baseline read; the store's heads (one
 * index probe per chain); heads + Merkle root + Ed25519 signature; and the whole CreateAuditCheckpointHandler
 * (stored, outbox messages for the topic, file line). Prints p50 times, ratios to the baseline and the bytes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { buildCheckpoint, checkpointMessages } from '@jansetu/audit';
import { AppConfig, dataSourceOptions, migrate, Outbox } from '@jansetu/platform';
import { createDatabase, dropDatabases, testConfig } from '@jansetu/testing';
// The handler and repositories are measured without Nest around them.
// eslint-disable-next-line no-restricted-imports
import { CreateAuditCheckpointHandler } from '../../libs/audit/src/commands/create-audit-checkpoint/create-audit-checkpoint.handler';
// eslint-disable-next-line no-restricted-imports
import { CreateAuditCheckpointCommand } from '../../libs/audit/src/commands/create-audit-checkpoint/create-audit-checkpoint.command';
// eslint-disable-next-line no-restricted-imports
import { AuditCheckpointRepository } from '../../libs/audit/src/persistence/audit-checkpoint.repository';
// eslint-disable-next-line no-restricted-imports
import { AuditCheckpointFile } from '../../libs/audit/src/persistence/audit-checkpoint.file';

const SIZES = (process.env.AUDIT_CHECKPOINT_BENCH_CHAINS ?? '10000,100000').split(',').map(Number);
const EVENTS_PER_CHAIN = 3;
const PREFIX = `jansetu_bench_${process.pid}`;
const RUN = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };

const { privateKey } = generateKeyPairSync('ed25519');
const dir = mkdtempSync(join(tmpdir(), 'jansetu-bench-checkpoints-'));
const repo = new AuditCheckpointRepository();
let dataSource: DataSource;
let config: AppConfig;
let handler: CreateAuditCheckpointHandler;
let chainsInDb = 0;
const samples = new Map<string, number[]>();
const bytes = new Map<number, { heads: number; messages: number; fileLine: number }>();

async function fillTo(chains: number): Promise<void> {
  if (chains <= chainsInDb) return;
  await dataSource.query(
    `INSERT INTO audit_chain (chain_id, seq, last_hash)
     SELECT 'broadcast:' || lpad(c::text, 8, '0'), $3, md5(c::text) || md5((c + 1)::text)
       FROM generate_series($1::int + 1, $2::int) c`,
    [chainsInDb, chains, EVENTS_PER_CHAIN],
  );
  await dataSource.query(
    `INSERT INTO audit_event (id, chain_id, chain_seq, type, occurred_at, event, prev_hash, hash)
     SELECT gen_random_uuid(), 'broadcast:' || lpad(c::text, 8, '0'), s, 'broadcast.messages_sent', now(),
            jsonb_build_object('chainSeq', s), md5((c * 10 + s - 1)::text) || md5(s::text),
            md5((c * 10 + s)::text) || md5(s::text)
       FROM generate_series($1::int + 1, $2::int) c, generate_series(1, $3::int) s`,
    [chainsInDb, chains, EVENTS_PER_CHAIN],
  );
  await dataSource.query(`ANALYZE audit_chain`);
  await dataSource.query(`ANALYZE audit_event`);
  chainsInDb = chains;
}

async function timed(name: string, work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  samples.get(name)?.push(performance.now() - start);
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

beforeAll(async () => {
  const url = await createDatabase(PREFIX, 'audit_checkpoint');
  config = testConfig(url, {
    AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_CHECKPOINT_DIR: dir,
    LOG_LEVEL: 'warn',
  });
  dataSource = await new DataSource(dataSourceOptions(config, url)).initialize();
  await migrate(dataSource, config);
  handler = new CreateAuditCheckpointHandler(dataSource, new Outbox(), config, repo, new AuditCheckpointFile());
});

afterAll(async () => {
  const lines = ['', 'audit checkpoint cost (p50 ms; ratio to reading audit_chain alone in the same run)'];
  for (const size of SIZES) {
    const base = p50(samples.get(`${size}:baseline`) ?? []);
    lines.push(`  ${size.toLocaleString('en-IN')} chains:`);
    for (const step of ['baseline', 'store heads', 'heads + root + signature', 'whole checkpoint']) {
      const t = p50(samples.get(`${size}:${step}`) ?? []);
      lines.push(`    ${step.padEnd(26)} ${t.toFixed(1).padStart(9)} ms  ×${(t / base).toFixed(1)}`);
    }
    const b = bytes.get(size);
    if (b) {
      lines.push(
        `    bytes: heads ${b.heads.toLocaleString('en-IN')} (${(b.heads / size).toFixed(0)}/chain), ` +
          `topic messages ${b.messages.toLocaleString('en-IN')}, file line ${b.fileLine.toLocaleString('en-IN')}`,
      );
    }
  }
  console.log(lines.join('\n'));
  await dataSource?.destroy();
  await dropDatabases(PREFIX);
  rmSync(dir, { recursive: true, force: true });
});

for (const size of SIZES) {
  describe(`checkpoint of ${size.toLocaleString('en-IN')} chains`, () => {
    const measure = (step: string, work: () => Promise<unknown>) =>
      bench(step, () => timed(`${size}:${step}`, work), {
        ...RUN,
        setup: async (_task, mode) => {
          await fillTo(size);
          if (mode === 'run') samples.set(`${size}:${step}`, []);
        },
      });
    measure('baseline', () => dataSource.query(`SELECT chain_id, seq, last_hash FROM audit_chain`));
    measure('store heads', () => repo.storeHeads(dataSource));
    measure('heads + root + signature', async () => {
      const c = buildCheckpoint(await repo.storeHeads(dataSource), null, privateKey);
      bytes.set(size, {
        heads: JSON.stringify(c.heads).length,
        messages: checkpointMessages(c).reduce((n, m) => n + JSON.stringify(m.payload).length, 0),
        fileLine: JSON.stringify(c).length + 1,
      });
    });
    measure('whole checkpoint', async () => {
      const r = await handler.execute(new CreateAuditCheckpointCommand(true));
      if (r.file) statSync(r.file);
    });
  });
}
