import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { eventually, migratedDataSource } from '@jansetu/testing';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { DatabaseBus } from './database.bus';
import { IdempotentConsumer } from './idempotent-consumer';
import { BusMessage, Topics } from './message-bus.port';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

describe('outbox, relay and the database bus on PostgreSQL', () => {
  let dataSource: DataSource;
  let config: AppConfig;
  let bus: DatabaseBus;
  let relay: OutboxRelay;
  const outbox = new Outbox();

  beforeAll(async () => {
    ({ dataSource, config } = await migratedDataSource(inject('runPrefix'), 'outbox'));
    bus = new DatabaseBus(dataSource, config);
    relay = new OutboxRelay(dataSource, bus, config, new Metrics());
  });
  afterAll(async () => {
    await bus?.onApplicationShutdown();
    await dataSource?.destroy();
  });

  it('publishes only what committed, in commit order, once', async () => {
    await dataSource
      .transaction(async (m) => {
        await outbox.add(m, { topic: Topics.dispatch, key: 'k', type: 'rolled.back', payload: {} });
        throw new Error('the state change failed');
      })
      .catch(() => undefined);
    await dataSource.transaction(async (m) => {
      for (const n of [1, 2, 3])
        await outbox.add(m, { topic: Topics.dispatch, key: 'k', type: 'committed', payload: { n } });
    });

    expect(await relay.relayOnce()).toBe(3);
    expect(await relay.relayOnce()).toBe(0);

    const seen: BusMessage[] = [];
    bus.subscribe('test-group', Topics.dispatch, async (m) => void seen.push(m));
    bus.onApplicationBootstrap();
    await eventually(async () => (seen.length >= 3 ? true : undefined), 10_000, 'three messages');
    expect(seen.map((m) => [m.type, (m.payload as { n: number }).n])).toEqual([
      ['committed', 1],
      ['committed', 2],
      ['committed', 3],
    ]);
  });

  it('lets a consumer absorb a message delivered twice (relay crash between publish and mark)', async () => {
    const idempotent = new IdempotentConsumer(dataSource);
    await dataSource.query(`CREATE TABLE effect (n int)`);
    const message = await dataSource.transaction((m) =>
      outbox.add(m, { topic: Topics.status, key: 'x', type: 't', payload: {} }),
    );
    for (let i = 0; i < 3; i++) {
      await idempotent.once('effect-writer', message.id, (m) => m.query(`INSERT INTO effect VALUES (1)`));
    }
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM effect`)).toEqual([{ n: 1 }]);
    expect(await idempotent.seen('effect-writer', message.id)).toBe(true);
    expect(await idempotent.seen('another-consumer', message.id)).toBe(false);
  });

  it('writes a guarded message in the same statement only when the guard wrote a row', async () => {
    await dataSource.query(`CREATE TABLE seen_key (k text PRIMARY KEY)`);
    const guard = (k: string) => ({
      sql: `INSERT INTO seen_key VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`,
      params: [k],
    });
    const entry = { topic: Topics.audit, key: 'guarded', type: 'guarded', payload: { hi: 'नमस्ते' } };
    const first = await outbox.addIf(dataSource, guard('a'), entry);
    const replay = await outbox.addIf(dataSource, guard('a'), entry);
    const other = await outbox.addIf(dataSource, guard('b'), entry);

    expect(first?.payload).toEqual({ hi: 'नमस्ते' });
    expect(replay).toBeNull();
    expect(other).not.toBeNull();
    const rows = await dataSource.query<{ id: string; payload: BusMessage }[]>(
      `SELECT id, payload FROM outbox_message WHERE type = 'guarded' ORDER BY seq`,
    );
    expect(rows.map((r) => r.id)).toEqual([first!.id, other!.id]);
    expect(rows[0].payload).toEqual(first);
    await relay.relayOnce(); // leaves the relay drained for the tests after this one
  });

  it('keeps a failed consumer’s message for the next attempt', async () => {
    let attempts = 0;
    const delivered: string[] = [];
    const second = new DatabaseBus(dataSource, config);
    second.subscribe('flaky', Topics.inbound, async (m) => {
      if (++attempts === 1) throw new Error('transient');
      delivered.push(m.type);
    });
    await dataSource.transaction((m) =>
      outbox.add(m, { topic: Topics.inbound, key: 'x', type: 'retry-me', payload: {} }),
    );
    await relay.relayOnce();
    second.onApplicationBootstrap();
    await eventually(async () => (delivered.length ? true : undefined), 10_000, 'redelivery');
    await second.onApplicationShutdown();
    expect(delivered).toEqual(['retry-me']);
    expect(attempts).toBe(2);
  });
});
