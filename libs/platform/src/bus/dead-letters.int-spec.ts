import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { eventually, migratedDataSource, testConfig } from '@jansetu/testing';
import { Metrics } from '../metrics/metrics';
import { DatabaseBus } from './database.bus';
import { DeadLetters } from './dead-letters';
import { KafkaBus } from './kafka.bus';
import { BusMessage, MessageBus, Topic, Topics } from './message-bus.port';

const message = (topic: Topic, key: string, n: number): BusMessage => ({
  id: randomUUID(),
  topic,
  key,
  type: 'test.thing',
  payload: { n },
  occurredAt: new Date().toISOString(),
});

const parkedCount = async (metrics: Metrics, consumer: string) =>
  (await metrics.deadLettered.get()).values.find((v) => v.labels.consumer === consumer)?.value ?? 0;

/** One poison message between good ones, on a bus: what the consumers saw and what was parked. */
function poisonWorld(bus: MessageBus, topic: Topic) {
  const seen: Record<string, number[]> = { each: [], batch: [] };
  const poison = new Set<number>([2]);
  let flaky = 2; // message 5 fails twice, then succeeds: a hiccup, not poison
  const handle = (group: string) => async (m: BusMessage) => {
    const n = (m.payload as { n: number }).n;
    if (poison.has(n)) throw new Error(`message ${n} cannot be handled (bug #${n})`);
    if (n === 5 && group === 'each' && flaky-- > 0) throw new Error('a hiccup');
    // Idempotent per message, as the port requires (a failed batch comes again, message by message).
    if (!seen[group].includes(n)) seen[group].push(n);
  };
  bus.subscribe('dl-each', topic, handle('each'));
  bus.subscribeBatch('dl-batch', topic, async (list) => {
    for (const m of list) await handle('batch')(m);
  });
  return { seen, heal: () => poison.clear() };
}

async function parkedRows(dataSource: DataSource, id: string) {
  return dataSource.query<{ consumer: string; attempts: number; error: string; replayed_at: Date | null }[]>(
    `SELECT consumer, attempts, error, replayed_at FROM dead_letter WHERE message_id = $1 ORDER BY consumer`,
    [id],
  );
}

describe('dead-letter path on the database bus (PostgreSQL)', () => {
  let dataSource: DataSource;
  let bus: DatabaseBus;
  let deadLetters: DeadLetters;
  const metrics = new Metrics();
  let world: ReturnType<typeof poisonWorld>;

  beforeAll(async () => {
    let config;
    ({ dataSource, config } = await migratedDataSource(inject('runPrefix'), 'deadletters'));
    // Three attempts, no minimum time and no pause, so the test does not wait the production minute.
    deadLetters = new DeadLetters(
      dataSource,
      { DEAD_LETTER_AFTER_ATTEMPTS: 3, DEAD_LETTER_AFTER_MS: 0 },
      metrics,
      async () => undefined,
    );
    bus = new DatabaseBus(dataSource, config, deadLetters);
    world = poisonWorld(bus, Topics.dispatch);
    bus.onApplicationBootstrap();
  });
  afterAll(async () => {
    await bus?.onApplicationShutdown();
    await dataSource?.destroy();
  });

  const sent = [1, 2, 3, 4, 5, 6].map((n) => message(Topics.dispatch, 'one-key', n));

  it('parks a message that keeps failing, after its attempts, and goes on with the ones behind it', async () => {
    await bus.publish(sent);
    await eventually(async () => (world.seen.each.includes(6) && world.seen.batch.includes(6)) || undefined, 30_000);
    // In order, each once, without the poison one; the hiccup (5) was retried and handled, not parked.
    expect(world.seen.each).toEqual([1, 3, 4, 5, 6]);
    expect(world.seen.batch).toEqual([1, 3, 4, 5, 6]);
    const rows = await parkedRows(dataSource, sent[1].id);
    expect(rows.map((r) => [r.consumer, r.attempts, r.replayed_at])).toEqual([
      ['dl-batch', 3, null],
      ['dl-each', 3, null],
    ]);
    expect(rows[0].error).toBe('message 2 cannot be handled (bug #2)');
    expect(await parkedRows(dataSource, sent[4].id)).toEqual([]);
    expect(await parkedCount(metrics, 'dl-each')).toBe(1);
    expect(await parkedCount(metrics, 'dl-batch')).toBe(1);
    const listed = (await deadLetters.list()).map((d) => [d.messageId, d.consumer, d.type]);
    expect(listed.sort((a, b) => a[1].localeCompare(b[1]))).toEqual([
      [sent[1].id, 'dl-batch', 'test.thing'],
      [sent[1].id, 'dl-each', 'test.thing'],
    ]);
  });

  it('replays a parked message once its cause is fixed: published once with its id, handled, marked replayed', async () => {
    world.heal();
    expect(await deadLetters.replay(bus, [sent[1].id])).toEqual([sent[1].id]);
    await eventually(async () => (world.seen.each.includes(2) && world.seen.batch.includes(2)) || undefined, 30_000);
    expect(world.seen.each).toEqual([1, 3, 4, 5, 6, 2]);
    expect(world.seen.batch).toEqual([1, 3, 4, 5, 6, 2]);
    expect((await parkedRows(dataSource, sent[1].id)).every((r) => r.replayed_at !== null)).toBe(true);
    expect(await deadLetters.list()).toEqual([]);
    expect(await deadLetters.replay(bus, 'all')).toEqual([]); // nothing waits any more
    expect((await deadLetters.list(true)).length).toBe(2); // kept, for the record
  });
});

describe('dead-letter path on Kafka (real broker)', () => {
  let dataSource: DataSource;
  let bus: KafkaBus;
  const metrics = new Metrics();
  let world: ReturnType<typeof poisonWorld>;

  beforeAll(async () => {
    ({ dataSource } = await migratedDataSource(inject('runPrefix'), 'deadletters_kafka'));
    const config = testConfig('postgresql://unused/x', {
      KAFKA_BROKERS: inject('kafkaBrokers'),
      KAFKA_TOPIC_PREFIX: `${inject('runPrefix')}.deadletters.${Date.now()}.`,
      KAFKA_PARTITIONS: '1',
    });
    const deadLetters = new DeadLetters(
      dataSource,
      { DEAD_LETTER_AFTER_ATTEMPTS: 3, DEAD_LETTER_AFTER_MS: 0 },
      metrics,
      async () => undefined,
    );
    bus = new KafkaBus(config, deadLetters);
    await bus.onModuleInit();
    world = poisonWorld(bus, Topics.status);
    await bus.onApplicationBootstrap();
  });
  afterAll(async () => {
    await bus?.onApplicationShutdown();
    await dataSource?.destroy();
  });

  it('a poison message no longer stalls its partition: parked, and the messages behind it are handled in order', async () => {
    const sent = [1, 2, 3, 4, 5, 6].map((n) => message(Topics.status, 'one-key', n));
    await bus.publish(sent);
    await eventually(
      async () => (world.seen.each.includes(6) && world.seen.batch.includes(6)) || undefined,
      60_000,
      'the messages behind the poison one',
    );
    expect(world.seen.each).toEqual([1, 3, 4, 5, 6]);
    expect(world.seen.batch).toEqual([1, 3, 4, 5, 6]);
    expect((await parkedRows(dataSource, sent[1].id)).map((r) => r.consumer)).toEqual(['dl-batch', 'dl-each']);
    expect(await parkedCount(metrics, 'dl-each')).toBe(1);
  });
});
