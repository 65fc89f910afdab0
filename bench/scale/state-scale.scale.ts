/**
 * JanSetu at state scale, each scenario against a baseline measured in the same run (`npm run bench`).
 * Prints a table, writes bench/results/latest.json. Sizes: BENCH_CITIZENS (default 2,000,000 state-wide, of which
 * BENCH_DISTRICT_CITIZENS = 300,000 in one district), BENCH_DISPATCH (default 60,000 recipients),
 * BENCH_SKIP (comma list of fanout,dispatch,inbound,audit).
 */
import { afterAll, describe, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@jansetu/platform';
import { createDatabase, dropDatabases, REPO_ROOT, testConfig } from '@jansetu/testing';
import { measureDispatch } from './dispatch';
import { measureFanOut } from './fanout';
import { add, machine, table, writeResults } from './report';
import { seedWorld } from './world';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 2_000_000);
const DISTRICT = Math.min(CITIZENS, Number(process.env.BENCH_DISTRICT_CITIZENS ?? 300_000));
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const DISPATCH = Number(process.env.BENCH_DISPATCH ?? 60_000);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:29092';
const PREFIX = `jansetu_bench_${process.pid}`;
const explains: Record<string, string> = {};

afterAll(async () => {
  const file = writeResults(REPO_ROOT, { sizes: { citizens: CITIZENS, district: DISTRICT }, explains });
  console.log(`\nmachine: ${JSON.stringify(machine())}\n\n${table()}\n\nwritten to ${file}`);
  await dropDatabases(PREFIX);
});

describe.skipIf(SKIP.has('fanout'))('1. fan-out', () => {
  it('district and state deliveries against a plain INSERT ... SELECT of the same rows', async () => {
    const url = await createDatabase(PREFIX, 'fanout');
    const config = testConfig(url);
    const ds = await new DataSource(dataSourceOptions(config, url)).initialize();
    try {
      await migrate(ds, config);
      const seedStart = Date.now();
      const world = await seedWorld(ds, CITIZENS, DISTRICT);
      console.log(`[bench] seeded ${CITIZENS} citizens in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);
      for (const [name, groups, rounds] of [
        ['district', world.bigDistrictGroupIds, 2],
        ['state', world.stateGroupIds, 1],
      ] as const) {
        const r = await measureFanOut(ds, config, world, [...groups], rounds);
        explains[`fanout.${name}`] = r.explain;
        const ratio = r.handlerMs / r.baselineMs;
        add({
          scenario: '1. fan-out',
          measure: `${name}: ${r.recipients.toLocaleString('en-US')} deliveries`,
          jansetu: r.handlerMs / 1000,
          baseline: r.baselineMs / 1000,
          unit: 's',
          target: name === 'state' ? '≤ 1.5× and ≤ 30 s' : '≤ 1.5×',
          met: ratio <= 1.5 && (name !== 'state' || r.handlerMs <= 30_000),
        });
      }
    } finally {
      await ds.destroy();
    }
  });
});

describe.skipIf(SKIP.has('dispatch'))('2. dispatch', () => {
  it('messages per second through the dispatcher against a bare client, and its peak memory', async () => {
    const r = await measureDispatch(PREFIX, DISPATCH, BROKERS);
    const ratio = r.dispatcherPerSecond / r.barePerSecond;
    add({
      scenario: '2. dispatch',
      measure: `${r.sent.toLocaleString('en-US')} of ${r.recipients.toLocaleString('en-US')} sent, audit on (${r.auditEvents} audit events)`,
      jansetu: r.dispatcherPerSecond,
      baseline: r.barePerSecond,
      unit: 'msg/s',
      target: '≥ 0.7× and ≥ 3,000 msg/s',
      met: ratio >= 0.7 && r.dispatcherPerSecond >= 3000,
    });
    add({
      scenario: '2. dispatch',
      measure: `dispatcher peak RSS, ${r.recipients.toLocaleString('en-US')}-recipient broadcast`,
      jansetu: r.peakRssMb,
      baseline: null,
      unit: 'MB',
      target: '< 300 MB',
      met: r.peakRssMb < 300,
    });
  });
});
