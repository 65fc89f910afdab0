import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusMessage } from './message-bus.port';
import { envelope, OutboxEntry } from './outbox';

/** A provider's message id already seen on this channel makes the write a no-op (webhook replays). */
export interface InboundDedupe {
  channel: string;
  /** The keyed hash of the provider's message id. */
  ref: string;
}

interface Waiting {
  message: BusMessage;
  dedupe?: InboundDedupe;
  resolve: (written: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Outbox writes that stand alone (a webhook's message or receipt, nothing else to commit with them), coalesced: all
 * the writes asked for in one turn of the event loop go to PostgreSQL as ONE statement, one round trip and one
 * commit, instead of a transaction each. Under load a turn carries many webhooks; alone, a write waits for nothing
 * but the end of the current turn. Each caller's promise resolves once its row has committed, so a webhook is only
 * answered after its message is durable; a failed statement fails every write in it (the providers retry).
 */
@Injectable()
export class OutboxBatcher {
  private waiting: Waiting[] = [];

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Queues the message on the outbox; with `dedupe`, only if the provider's id is new (it is then remembered in
   * inbound_receipt in the same statement). Resolves with whether the message was written.
   */
  write<T>(entry: OutboxEntry<T>, dedupe?: InboundDedupe): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message: envelope(entry), dedupe, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const written = await this.insert(batch);
      for (const w of batch) w.resolve(written.has(w.message.id));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  private async insert(batch: Waiting[]): Promise<Set<string>> {
    const rows = batch.map((w, n) => ({
      n,
      id: w.message.id,
      topic: w.message.topic,
      key: w.message.key,
      type: w.message.type,
      payload: w.message,
      created_at: w.message.occurredAt,
      channel: w.dedupe?.channel ?? null,
      ref: w.dedupe?.ref ?? null,
    }));
    // `fresh` holds the provider ids this statement saw first; of several copies of one id in the batch, the
    // earliest is written. Rows without dedupe are always written, in arrival order.
    const queued = await this.dataSource.query<{ id: string }[]>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, id uuid, topic text, key text, type text,
                                                         payload jsonb, created_at timestamptz, channel text, ref text)),
       fresh AS (
         INSERT INTO inbound_receipt (channel, provider_message_id)
         SELECT DISTINCT channel, ref FROM input WHERE ref IS NOT NULL
         ON CONFLICT DO NOTHING RETURNING channel, provider_message_id),
       chosen AS (
         SELECT DISTINCT ON (coalesce(i.channel || ':' || i.ref, i.id::text)) i.*
           FROM input i
          WHERE i.ref IS NULL
             OR EXISTS (SELECT 1 FROM fresh f WHERE f.channel = i.channel AND f.provider_message_id = i.ref)
          ORDER BY coalesce(i.channel || ':' || i.ref, i.id::text), i.n),
       queued AS (
         INSERT INTO outbox_message (id, topic, key, type, payload, created_at)
         SELECT id, topic, key, type, payload, created_at FROM chosen ORDER BY n
         RETURNING id)
       SELECT id FROM queued`,
      [JSON.stringify(rows)],
    );
    return new Set(queued.map((r) => r.id));
  }
}
