import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, testConfig } from '@jansetu/testing';
import { KafkaBus } from './kafka.bus';
import { BusMessage, Topics } from './message-bus.port';

const message = (key: string, n: number): BusMessage => ({
  id: randomUUID(),
  topic: Topics.audit,
  key,
  type: 'test',
  payload: { n },
  occurredAt: new Date().toISOString(),
});

describe('KafkaBus on a real broker (KafkaJS 2.2.4 against the project’s broker version)', () => {
  const prefix = `${inject('runPrefix')}.kafkabus.${Date.now()}.`;
  const config = testConfig('postgresql://unused/x', {
    KAFKA_BROKERS: inject('kafkaBrokers'),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_PARTITIONS: '3',
  });
  const bus = new KafkaBus(config);
  const received: BusMessage[] = [];
  const batches: BusMessage[][] = [];
  let failBatches = 1;

  beforeAll(async () => {
    await bus.onModuleInit(); // admin: creates the contract's topics
    bus.subscribe('test-readers', Topics.audit, async (m) => void received.push(m));
    bus.subscribeBatch('test-batch-readers', Topics.audit, async (list) => {
      if (failBatches-- > 0) throw new Error('the first batch fails once');
      batches.push(list);
    });
    await bus.onApplicationBootstrap();
  });
  afterAll(async () => bus.onApplicationShutdown());

  it('creates the topics, produces with acks=all and consumes in a group, in order per key', async () => {
    await bus.ping();
    const sent = [...Array(20).keys()].map((n) => message(`chain-${n % 2}`, n));
    await bus.publish(sent.slice(0, 10));
    await bus.publish(sent.slice(10));
    await eventually(async () => (received.length >= 20 ? true : undefined), 30_000, '20 messages');
    expect(received.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
    for (const key of ['chain-0', 'chain-1']) {
      const order = received.filter((m) => m.key === key).map((m) => (m.payload as { n: number }).n);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('hands a batch consumer whole batches in order per key, and the same messages again after a failure', async () => {
    // The messages of the first test, seen by the batch group too (it started from the beginning).
    await eventually(async () => (batches.flat().length >= 20 ? true : undefined), 30_000, '20 messages in batches');
    const seen = batches.flat();
    // Every message arrived, including those of the failed batch. A failure restarts the consumer, so a batch of
    // another partition whose offset was not yet committed can come twice: at least once, as the port says.
    expect(new Set(seen.map((m) => m.id)).size).toBe(20);
    expect(batches.length).toBeLessThan(seen.length); // batched, not one message at a time
    for (const list of batches) {
      for (const key of ['chain-0', 'chain-1']) {
        const order = list.filter((m) => m.key === key).map((m) => (m.payload as { n: number }).n);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });
});
