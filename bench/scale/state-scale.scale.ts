/**
 * JanSetu at state scale, each scenario against a baseline measured in the same run (`npm run bench`).
 * Prints a table, writes bench/results/latest.json. Sizes: BENCH_CITIZENS (default 2,000,000 state-wide, of which
 * BENCH_DISTRICT_CITIZENS = 300,000 in one district), BENCH_DISPATCH (default 60,000 recipients),
 * BENCH_INBOUND (default 20,000 distinct signed webhooks per provider) at BENCH_INBOUND_CONNECTIONS (default 20),
 * BENCH_AUDIT (default 20,000 audit events), BENCH_MEMORY (default 2,000,000 recipients, sent for BENCH_MEMORY_SECONDS,
 * default 120), BENCH_FIRST_SEND_SECONDS (default 20), BENCH_SKIP (comma list of fanout,dispatch,memory,first-send,
 * inbound,audit).
 */
import { afterAll, describe, it } from 'vitest';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '@jansetu/platform';
import { createDatabase, dropDatabases, REPO_ROOT, testConfig } from '@jansetu/testing';
import { measureAuditThroughput } from './audit-throughput';
import { DispatchResult, measureDispatch } from './dispatch';
import { measureFanOut } from './fanout';
import { measureGatewayWorkers, measureInbound } from './inbound';
import { add, machine, table, writeResults } from './report';
import { seedWorld } from './world';

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 2_000_000);
const DISTRICT = Math.min(CITIZENS, Number(process.env.BENCH_DISTRICT_CITIZENS ?? 300_000));
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const DISPATCH = Number(process.env.BENCH_DISPATCH ?? 60_000);
const INBOUND = Number(process.env.BENCH_INBOUND ?? 20_000);
const INBOUND_CONNECTIONS = Number(process.env.BENCH_INBOUND_CONNECTIONS ?? 20);
const AUDIT = Number(process.env.BENCH_AUDIT ?? 20_000);
const MEMORY = Number(process.env.BENCH_MEMORY ?? 2_000_000);
const MEMORY_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 120);
const FIRST_SEND_SECONDS = Number(process.env.BENCH_FIRST_SEND_SECONDS ?? 20);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:29092';
const PREFIX = `jansetu_bench_${process.pid}`;
const explains: Record<string, string> = {};
const details: Record<string, unknown> = {};

afterAll(async () => {
  const file = writeResults(REPO_ROOT, {
    sizes: {
      citizens: CITIZENS,
      district: DISTRICT,
      dispatch: DISPATCH,
      inbound: INBOUND,
      inboundConnections: INBOUND_CONNECTIONS,
      audit: AUDIT,
      memory: MEMORY,
      memorySeconds: MEMORY_SECONDS,
      firstSendSeconds: FIRST_SEND_SECONDS,
    },
    explains,
    details,
  });
  console.log(`\nmachine: ${JSON.stringify(machine())}\n\n${table()}\n\nwritten to ${file}`);
  await dropDatabases(PREFIX);
});

/** Registers a scenario unless BENCH_SKIP names it: a benchmark left out is simply not run, not reported skipped. */
function scenario(key: string, title: string, body: () => void): void {
  if (!SKIP.has(key)) describe(title, body);
}

scenario('fanout', '1. fan-out', () => {
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
        ['district', world.bigDistrictAudience, 2],
        ['state', world.stateAudience, 1],
      ] as const) {
        const r = await measureFanOut(ds, config, world, groups, rounds);
        explains[`fanout.${name}`] = r.explain;
        const ratio = r.handlerMs / r.baselineMs;
        add({
          scenario: '1. fan-out',
          measure: `${name}: the create, streamed (${r.streamedEstimate.toLocaleString('en-US')} memberships cut into slices)`,
          jansetu: r.streamedMs / 1000,
          baseline: null,
          unit: 's',
          target: '≤ 1 s',
          met: r.streamedMs <= 1000,
        });
        add({
          scenario: '1. fan-out',
          measure: `${name}: ${r.recipients.toLocaleString('en-US')} deliveries at once`,
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

scenario('dispatch', '2. dispatch', () => {
  it('messages per second through the dispatcher against a bare client, and its peak memory', async () => {
    const r = await measureDispatch(PREFIX, DISPATCH, BROKERS);
    details.dispatch = r;
    const cpu = r.cpuUsPerMessage;
    add({
      scenario: '2. dispatch',
      measure: `CPU per message: dispatcher vs bare client (fakes' share ${Math.round(cpu.fakes)} µs taken off)`,
      jansetu: cpu.dispatcher,
      baseline: cpu.bareClientAndFakes! - cpu.fakes,
      unit: 'µs',
      target: '—',
      met: null,
    });
    add({
      scenario: '2. dispatch',
      measure: `CPU per message: dispatcher vs bare undici Pool client, its own transport (fakes' share taken off)`,
      jansetu: cpu.dispatcher,
      baseline: cpu.barePooledClientAndFakes! - cpu.fakes,
      unit: 'µs',
      target: '≤ 1.2×',
      met: cpu.dispatcher <= 1.2 * (cpu.barePooledClientAndFakes! - cpu.fakes),
    });
    add({
      scenario: '2. dispatch',
      measure: 'messages per second: dispatcher vs bare undici Pool client',
      jansetu: r.dispatcherPerSecond,
      baseline: r.barePooledPerSecond,
      unit: 'msg/s',
      target: '—',
      met: null,
    });
    const ratio = r.dispatcherPerSecond / r.barePerSecond!;
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
    // The same broadcast with every delivery materialised in the request first: the streamed one, timed from the
    // start of its create, against this one timed from its commit (sending deliveries that already exist).
    const atOnce = await measureDispatch(PREFIX, DISPATCH, BROKERS, { fanOut: 'at-once', noBaseline: true });
    details.dispatchAtOnce = atOnce;
    add({
      scenario: '2. dispatch',
      measure: `streamed, create → last final (first send at ${r.firstSendSeconds.toFixed(2)} s) vs pre-materialised, commit → last final (its create: ${atOnce.fanOutSeconds.toFixed(1)} s)`,
      jansetu: r.totalSeconds!,
      baseline: atOnce.seconds,
      unit: 's',
      target: '≤ 1.3×',
      met: r.totalSeconds! / atOnce.seconds <= 1.3,
    });
  });
});

/** The create request's time and the first message's, for a streamed emergency (rows of scenario 2). */
function firstSendRows(name: string, citizens: number, r: DispatchResult): void {
  add({
    scenario: '2. time to first send',
    measure: `${name}, ${citizens.toLocaleString('en-US')} citizens: the create request (streamed)`,
    jansetu: r.fanOutSeconds,
    baseline: null,
    unit: 's',
    target: '≤ 1 s',
    met: r.fanOutSeconds <= 1,
  });
  add({
    scenario: '2. time to first send',
    measure: `${name}: first message at a provider, after the create answered`,
    jansetu: r.firstSendSeconds - r.fanOutSeconds,
    baseline: null,
    unit: 's',
    target: '≤ 2 s',
    met: r.firstSendSeconds - r.fanOutSeconds <= 2,
  });
}

scenario('first-send', '2. time to first send', () => {
  it('a streamed emergency to a district: the create answers, and the first citizen is sent', async () => {
    const r = await measureDispatch(PREFIX, DISTRICT, BROKERS, { windowSeconds: FIRST_SEND_SECONDS });
    details.firstSendDistrict = r;
    firstSendRows('district', DISTRICT, r);
  });
});

scenario('memory', '2. dispatch memory', () => {
  it('peak memory of the dispatcher while it works a state-wide broadcast', async () => {
    const r = await measureDispatch(PREFIX, MEMORY, BROKERS, { windowSeconds: MEMORY_SECONDS });
    details.memory = r;
    firstSendRows('state', MEMORY, r);
    add({
      scenario: '2. dispatch',
      measure: `dispatcher peak RSS, broadcast to ${MEMORY.toLocaleString('en-US')} citizens streamed, first ${Math.round(r.seconds)} s (${r.recipients.toLocaleString('en-US')} resolved, ${r.sent.toLocaleString('en-US')} sent, ${Math.round(r.dispatcherPerSecond)} msg/s; peak per tenth ${r.peakRssByTenthMb.map(Math.round).join('/')} MB)`,
      jansetu: r.peakRssMb,
      baseline: null,
      unit: 'MB',
      target: '< 300 MB',
      met: r.peakRssMb < 300,
    });
  });
});

scenario('inbound', '3. inbound', () => {
  it('signed webhooks per second and their latency against a 404 through the same HTTP stack', async () => {
    const [baseline, ...providers] = await measureInbound(PREFIX, BROKERS, INBOUND, INBOUND_CONNECTIONS);
    details.inbound = { baseline, providers };
    for (const p of providers) {
      const what = `${p.name}: ${p.ok.toLocaleString('en-US')} distinct signed webhooks, ${INBOUND_CONNECTIONS} connections`;
      add({
        scenario: '3. inbound',
        measure: `${what} (${p.stored} stored, ${p.errors} errors)`,
        jansetu: p.perSecond,
        baseline: baseline.perSecond,
        unit: 'req/s',
        target: '≥ 2,000 req/s',
        met: p.perSecond >= 2000 && p.errors === 0 && p.stored === p.requests,
      });
      add({
        scenario: '3. inbound',
        measure: `${p.name}: p99 latency (p50 ${p.p50} ms; 404 p50 ${baseline.p50} ms)`,
        jansetu: p.p99,
        baseline: baseline.p99,
        unit: 'ms',
        target: 'p99 < 50 ms',
        met: p.p99 < 50,
      });
    }
  });
});

scenario('inbound-workers', '3. inbound, gateway workers', () => {
  it('signed webhooks per second through 1 and 2 gateway workers against a bare node:http server', async () => {
    const { bare, gateways } = await measureGatewayWorkers(PREFIX, BROKERS, INBOUND, INBOUND_CONNECTIONS);
    details.inboundWorkers = { bare, gateways };
    for (const { workers, load } of gateways) {
      add({
        scenario: '3. inbound, workers',
        measure:
          `Twilio SMS through GATEWAY_WORKERS=${workers}: ${load.ok.toLocaleString('en-US')} distinct signed ` +
          `webhooks, ${INBOUND_CONNECTIONS} connections (${load.stored} stored, ${load.errors} errors; ` +
          `p99 ${load.p99} ms, bare ${bare.p99} ms; CPU/request ${load.cpuUs?.server} µs, bare ${bare.cpuUs?.server} µs, ` +
          `PostgreSQL ${load.cpuUs?.postgres} µs, bare ${bare.cpuUs?.postgres} µs) vs bare node:http, same check and insert`,
        jansetu: load.perSecond,
        baseline: bare.perSecond,
        unit: 'req/s',
        target: '≥ 0.8× bare',
        met: load.perSecond >= 0.8 * bare.perSecond && load.errors === 0 && load.stored === load.requests,
      });
    }
  });
});

scenario('audit', '4. audit', () => {
  it('events per second from the outbox through Kafka into the store against a plain INSERT ... SELECT', async () => {
    const r = await measureAuditThroughput(PREFIX, BROKERS, AUDIT);
    details.audit = r;
    add({
      scenario: '4. audit',
      measure: `${r.events.toLocaleString('en-US')} chained events, commit → audit_event (relay done at ${r.relaySeconds.toFixed(1)} s of ${r.seconds.toFixed(1)} s)`,
      jansetu: r.perSecond,
      baseline: r.baselinePerSecond,
      unit: 'events/s',
      target: '—',
      met: null,
    });
  });
});
