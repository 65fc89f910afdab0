import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BusMessage, KafkaBus, Topics } from '@jansetu/platform';
import { eventually, testConfig } from '@jansetu/testing';
import {
  buildCheckpoint,
  CheckpointHead,
  checkpointMessages,
  checkpointProblem,
  HEADS_PER_PART,
  parseCheckpointLines,
} from '../../domain/audit-checkpoint';
import { CHECKPOINT_KEY } from './create-audit-checkpoint.handler';

/** The outside copy on a real broker: a checkpoint too big for one message comes back whole and still verifies. */
describe('audit checkpoints on the Kafka topic', () => {
  const prefix = `${inject('runPrefix')}.checkpoints.${Date.now()}.`;
  const bus = new KafkaBus(
    testConfig('postgresql://unused/x', { KAFKA_BROKERS: inject('kafkaBrokers'), KAFKA_TOPIC_PREFIX: prefix }),
  );
  const received: BusMessage[] = [];

  beforeAll(async () => {
    await bus.onModuleInit();
    bus.subscribe('test-checkpoint-readers', Topics.auditCheckpoints, async (m) => void received.push(m));
    await bus.onApplicationBootstrap();
  });
  afterAll(async () => bus.onApplicationShutdown());

  it('carries the heads in parts and the signed header, in order, readable by the script', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const heads: CheckpointHead[] = [...Array(2 * HEADS_PER_PART + 10).keys()].map((i) => [
      `broadcast:${String(i).padStart(6, '0')}`,
      1 + (i % 7),
      randomUUID().replace(/-/g, '').repeat(2),
    ]);
    const checkpoint = buildCheckpoint(heads, null, privateKey);
    const messages = checkpointMessages(checkpoint).map((m): BusMessage => ({
      id: randomUUID(),
      topic: Topics.auditCheckpoints,
      key: CHECKPOINT_KEY,
      type: m.type,
      payload: m.payload,
      occurredAt: new Date().toISOString(),
    }));
    await bus.publish(messages);
    await eventually(async () => (received.length >= messages.length ? true : undefined), 30_000, 'checkpoint');
    expect(received.map((m) => m.type)).toEqual(messages.map((m) => m.type));
    // As kcat prints the topic: one JSON value a line.
    const [back] = parseCheckpointLines(received.map((m) => JSON.stringify(m)));
    expect(back.heads).toHaveLength(heads.length);
    expect(checkpointProblem(back, publicKey)).toBeNull();
  });
});
