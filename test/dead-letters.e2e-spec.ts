import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually, REPO_ROOT } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, SAMPLE_CSV, startDistributed } from './support';

const run = promisify(execFile);

/**
 * A message no consumer can handle (here a dispatch request from a producer with a bug: its broadcast id is not an
 * id) used to stall its Kafka partition for good. Now it is parked after its attempts, what stood behind it goes out,
 * and the operator sees it and can replay it.
 */
describe('a poison message on Kafka is parked, and the partition behind it moves on', () => {
  let d: Deployment;
  let admin: ApiClient;
  const poisonId = randomUUID();
  const cli = (args: string[]) =>
    run(process.execPath, [join(REPO_ROOT, 'dist/apps/gateway/src/cli.js'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...d.env, LOG_LEVEL: 'error' },
      timeout: 120_000,
    });

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'deadletter', inject('kafkaBrokers'), {
      // One partition: the join confirmation below queues behind the poison message.
      KAFKA_PARTITIONS: '1',
      DEAD_LETTER_AFTER_ATTEMPTS: '3',
      DEAD_LETTER_AFTER_MS: '2000',
    });
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
  });
  afterAll(async () => d?.stop());

  it('parks it after its attempts, sends what queued behind it, lists it for the operator and replays it', async () => {
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    const group = await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'GAY-BODHGAYA',
      name: 'बोधगया जनसेतु',
    });

    const kafka = new Kafka({
      clientId: 'a-buggy-producer',
      brokers: [inject('kafkaBrokers')],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const envelope = {
      id: poisonId,
      topic: 'jansetu.dispatch.v1',
      key: 'buggy',
      type: 'broadcast.dispatch',
      payload: { broadcastId: 'not-a-broadcast-id', bucket: 0 },
      occurredAt: new Date().toISOString(),
    };
    await producer.send({
      topic: `${d.topicPrefix}jansetu.dispatch.v1`,
      messages: [{ key: 'buggy', value: JSON.stringify(envelope) }],
    });
    await producer.disconnect();

    // The citizen's join confirmation is a dispatch message behind the poison one, in the same partition.
    const citizen = '+919934500777';
    await citizenSends(d.api, citizen, `JOIN ${group.body.joinCode}`);
    await eventually(
      async () => ((await inboxOf(d.api, citizen)).length === 1 ? true : undefined),
      60_000,
      'the join confirmation behind the poison message',
    );
    await d.dispatcher.waitForLog(
      new RegExp(`parked message ${poisonId} \\(broadcast.dispatch on jansetu.dispatch.v1\\)`),
    );

    const listed = await cli(['dead-letters:list']);
    expect(listed.stdout).toContain('dead letters: 1 waiting');
    // At least 3 attempts, over at least 2 s (both bounds must hold before it is parked).
    const line = new RegExp(
      `${poisonId}  dispatch ← jansetu.dispatch.v1 broadcast.dispatch  (\\d+) attempts since (\\S+), parked (\\S+)`,
    );
    const [, attempts, since, parked] = line.exec(listed.stdout) ?? [];
    expect(Number(attempts)).toBeGreaterThanOrEqual(3);
    expect(Date.parse(parked) - Date.parse(since)).toBeGreaterThanOrEqual(2000);
    expect(listed.stdout).toMatch(/invalid input syntax for type uuid/);

    // Replayed (the cause is not fixed here), it reaches the dispatcher again and is parked again, its attempts added.
    const replayed = await cli(['dead-letters:replay', poisonId]);
    expect(replayed.stdout.trim().split('\n').at(-1)).toBe(`dead letters: 1 replayed: ${poisonId}`);
    const again = await eventually(
      async () => {
        const { stdout } = await cli(['dead-letters:list']);
        const n = Number(line.exec(stdout)?.[1]);
        return n >= Number(attempts) + 3 ? stdout : undefined;
      },
      60_000,
      'the replayed message parked again',
    );
    expect(again).toContain('dead letters: 1 waiting');
    await expect(cli(['dead-letters:replay', randomUUID()])).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('dead letters: 0 replayed\n'),
    });
    // Nothing was sent twice: one confirmation.
    expect(await inboxOf(d.api, citizen)).toHaveLength(1);
  });
});
