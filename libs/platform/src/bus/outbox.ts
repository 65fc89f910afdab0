import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
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
}

const INSERT = `INSERT INTO outbox_message (id, topic, key, type, payload, created_at)`;

/** The envelope a bus message travels in, as the outbox stores it. */
export function envelope<T>(entry: OutboxEntry<T>): BusMessage<T> {
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
