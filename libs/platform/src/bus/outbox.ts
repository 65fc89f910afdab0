import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BusMessage, Topic } from './message-bus.port';

export interface OutboxEntry<T> {
  topic: Topic;
  key: string;
  type: string;
  payload: T;
  id?: string;
}

/** Writes bus messages inside the caller's transaction: they exist if and only if the state change committed. */
@Injectable()
export class Outbox {
  async add<T>(manager: EntityManager, entry: OutboxEntry<T>): Promise<BusMessage<T>> {
    const message = envelope(entry);
    await manager.query(`${INSERT} VALUES ($1, $2, $3, $4, $5, $6)`, columns(message));
    return message;
  }

  /**
   * Writes the message only if `guard` (a data-modifying statement with RETURNING) returns a row, in ONE statement:
   * atomic without an explicit transaction and one round trip instead of four (BEGIN, guard, insert, COMMIT), for
   * hot paths such as the provider webhooks. Resolves with null when the guard returned nothing.
   */
  async addIf<T>(
    runner: DataSource | EntityManager,
    guard: { sql: string; params: unknown[] },
    entry: OutboxEntry<T>,
  ): Promise<BusMessage<T> | null> {
    const message = envelope(entry);
    const n = guard.params.length;
    const placeholders = ['uuid', 'text', 'text', 'text', 'jsonb', 'timestamptz']
      .map((type, i) => `$${n + i + 1}::${type}`)
      .join(', ');
    const rows: unknown[] = await runner.query(
      `WITH guard AS (${guard.sql}), queued AS (${INSERT} SELECT ${placeholders} FROM (SELECT 1 FROM guard LIMIT 1) g RETURNING 1)
       SELECT 1 FROM queued`,
      [...guard.params, ...columns(message)],
    );
    return rows.length ? message : null;
  }
}

const INSERT = `INSERT INTO outbox_message (id, topic, key, type, payload, created_at)`;

function envelope<T>(entry: OutboxEntry<T>): BusMessage<T> {
  return {
    id: entry.id ?? randomUUID(),
    topic: entry.topic,
    key: entry.key,
    type: entry.type,
    payload: entry.payload,
    occurredAt: new Date().toISOString(),
  };
}

function columns<T>(message: BusMessage<T>): unknown[] {
  return [message.id, message.topic, message.key, message.type, JSON.stringify(message), message.occurredAt];
}
