import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DeadLetters } from './dead-letters';
import { BusBatchHandler, BusHandler, BusMessage, MessageBus, Topic } from './message-bus.port';

interface BusRow {
  seq: string;
  id: string;
  topic: Topic;
  key: string;
  type: string;
  payload: unknown;
  created_at: Date;
}

/**
 * The embedded bus: a durable log in the database with a committed offset per consumer group. Same semantics as
 * Kafka for the code above it (at-least-once, ordered per topic, consumers dedupe on the id), no broker needed.
 */
export class DatabaseBus implements MessageBus, OnApplicationBootstrap, OnApplicationShutdown {
  readonly kind = 'database';
  private readonly logger = new Logger(DatabaseBus.name);
  private readonly subscriptions: { groupId: string; topic: Topic; handler: BusBatchHandler; batch: boolean }[] = [];
  private readonly loops: Promise<void>[] = [];
  private stopping = false;
  private readonly locks: QueryRunner[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly deadLetters?: DeadLetters,
  ) {}

  async publish(messages: BusMessage[]): Promise<void> {
    if (!messages.length) return;
    const values = messages.map(
      (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
    );
    await this.dataSource.query(
      `INSERT INTO bus_message (id, topic, key, type, payload, created_at) VALUES ${values.join(', ')}`,
      messages.flatMap((m) => [m.id, m.topic, m.key, m.type, JSON.stringify(m.payload), m.occurredAt]),
    );
  }

  subscribe(groupId: string, topic: Topic, handler: BusHandler): void {
    const guarded = this.deadLetters?.guard(groupId, handler) ?? handler;
    this.subscriptions.push({ groupId, topic, handler: ([message]) => guarded(message), batch: false });
  }

  subscribeBatch(groupId: string, topic: Topic, handler: BusBatchHandler): void {
    this.subscriptions.push({
      groupId,
      topic,
      handler: this.deadLetters?.guardBatch(groupId, handler) ?? handler,
      batch: true,
    });
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  onApplicationBootstrap(): void {
    for (const sub of this.subscriptions) this.loops.push(this.consume(sub));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.loops);
    await Promise.allSettled(this.locks.map((l) => l.release()));
  }

  /** Waits for the group's session lock on a connection of its own; null when the bus stops first. */
  private async holdGroupLock(groupId: string, topic: Topic): Promise<QueryRunner | null> {
    const runner = this.dataSource.createQueryRunner();
    while (!this.stopping) {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        `jansetu.bus:${groupId}:${topic}`,
      ])) as { locked: boolean }[];
      if (locked) {
        this.locks.push(runner);
        return runner;
      }
      await sleep(1000);
    }
    await runner.release();
    return null;
  }

  private async consume({
    groupId,
    topic,
    handler,
    batch,
  }: {
    groupId: string;
    topic: Topic;
    handler: BusBatchHandler;
    batch: boolean;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO bus_offset (group_id, topic, last_seq) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
      [groupId, topic],
    );
    // Several processes on one database (distributed mode without Kafka): one consumes each group at a time.
    const lock = this.config.mode === 'distributed' ? await this.holdGroupLock(groupId, topic) : undefined;
    if (lock === null) return;
    while (!this.stopping) {
      try {
        const rows: BusRow[] = await this.dataSource.query(
          `SELECT m.* FROM bus_message m, bus_offset o
            WHERE o.group_id = $1 AND o.topic = $2 AND m.topic = $2 AND m.seq > o.last_seq
            ORDER BY m.seq LIMIT 100`,
          [groupId, topic],
        );
        // One message at a time (its offset committed after it), or all of them at once for a batch consumer.
        for (const chunk of batch ? (rows.length ? [rows] : []) : rows.map((row) => [row])) {
          if (this.stopping) return;
          await handler(
            chunk.map((row) => ({
              id: row.id,
              topic: row.topic,
              key: row.key,
              type: row.type,
              payload: row.payload,
              occurredAt: new Date(row.created_at).toISOString(),
            })),
          );
          await this.dataSource.query(`UPDATE bus_offset SET last_seq = $3 WHERE group_id = $1 AND topic = $2`, [
            groupId,
            topic,
            chunk[chunk.length - 1].seq,
          ]);
        }
        if (rows.length === 0) await sleep(this.config.OUTBOX_POLL_MS);
      } catch (error) {
        this.logger.error(`consumer ${groupId} on ${topic} failed, retrying: ${(error as Error).message}`);
        await sleep(1000);
      }
    }
  }
}
