import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { eventually, migratedDataSource } from '@jansetu/testing';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { DatabaseBus } from './database.bus';
import { IdempotentConsumer } from './idempotent-consumer';
import { BusMessage, Topics } from './message-bus.port';
import { Outbox } from './outbox';
import { OutboxBatcher } from './outbox-batcher';
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

  it('coalesces the writes of one event-loop turn into one statement, writing each provider id once', async () => {
    const batcher = new OutboxBatcher(dataSource);
    const entry = (n: number) => ({ topic: Topics.audit, key: `k${n}`, type: 'batched', payload: { n, hi: 'नमस्ते' } });
    // Outbox inserts only: the database bus of the first test keeps polling on the same DataSource.
    const statements: string[] = [];
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, params?: unknown[]) => {
      if (sql.includes('INSERT INTO outbox_message')) statements.push(sql);
      return query(sql, params);
    }) as typeof dataSource.query;
    try {
      const sameTurn = await Promise.all([
        batcher.write(entry(1), { channel: 'sms', ref: 'r1' }),
        batcher.write(entry(2), { channel: 'sms', ref: 'r1' }), // the same provider id twice in one batch
        batcher.write(entry(3), { channel: 'telegram', ref: 'r1' }), // the same id on another channel is new
        batcher.write(entry(4)), // no dedupe: always written
      ]);
      expect(sameTurn).toEqual([true, false, true, true]);
      expect(statements).toHaveLength(1);

      const later = await Promise.all([
        batcher.write(entry(5), { channel: 'sms', ref: 'r1' }), // a replay in a later batch
        batcher.write(entry(6), { channel: 'sms', ref: 'r2' }),
      ]);
      expect(later).toEqual([false, true]);
      expect(statements).toHaveLength(2);
    } finally {
      dataSource.query = query;
    }
    const rows = await dataSource.query<{ payload: BusMessage<{ n: number }> }[]>(
      `SELECT payload FROM outbox_message WHERE type = 'batched' ORDER BY seq`,
    );
    expect(rows.map((r) => r.payload.payload.n)).toEqual([1, 3, 4, 6]);
    expect(rows[0].payload.payload).toEqual({ n: 1, hi: 'नमस्ते' });
    const receipts = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM inbound_receipt`);
    expect(receipts).toEqual([{ n: 3 }]);
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

  it('hands a batch consumer everything ready, in order, and the whole batch again after a failure', async () => {
    const batches: number[][] = [];
    let attempts = 0;
    const third = new DatabaseBus(dataSource, config);
    third.subscribeBatch('batch-reader', Topics.status, async (list) => {
      if (++attempts === 1) throw new Error('transient');
      // The earlier tests' status messages come too: the group reads the topic from its start.
      batches.push(list.filter((m) => m.type === 'batch').map((m) => (m.payload as { n: number }).n));
    });
    await dataSource.transaction(async (m) => {
      for (const n of [1, 2, 3, 4, 5])
        await outbox.add(m, { topic: Topics.status, key: 'b', type: 'batch', payload: { n } });
    });
    await relay.relayOnce();
    third.onApplicationBootstrap();
    await eventually(async () => (batches.length ? true : undefined), 10_000, 'a batch');
    await third.onApplicationShutdown();
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
    expect(attempts).toBe(2);
  });
});
