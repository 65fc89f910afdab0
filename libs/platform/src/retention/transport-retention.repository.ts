import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The batched deletes of the transport tables. Each statement deletes at most `limit` rows found through an index
 * (by age, or by sequence for the bus), commits on its own and leaves the hot paths unblocked.
 */
@Injectable()
export class TransportRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Runs `purge` until a batch comes back short or `maxBatches` ran; returns the rows deleted. */
  async repeat(purge: () => Promise<number>, limit: number, maxBatches: number): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await purge();
      total += n;
      if (n < limit) break;
    }
    return total;
  }

  /** Published outbox rows older than `days` (the relay never reads them again). */
  purgePublishedOutbox(days: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM outbox_message WHERE seq = ANY(ARRAY(
         SELECT seq FROM outbox_message WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => $1)
          ORDER BY published_at LIMIT $2))`,
      [days, limit],
    );
  }

  /** Bus messages older than `days` that every consumer group of their topic has committed past. */
  purgeConsumedBus(days: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM bus_message WHERE seq = ANY(ARRAY(
         SELECT m.seq FROM bus_message m
           JOIN (SELECT topic, min(last_seq) AS done FROM bus_offset GROUP BY topic) o ON o.topic = m.topic
          WHERE m.seq <= o.done AND m.created_at < now() - make_interval(days => $1)
          ORDER BY m.seq LIMIT $2))`,
      [days, limit],
    );
  }

  /** Idempotency marks older than `days`: a redelivery that late cannot happen (outbox and bus rows are gone). */
  purgeProcessed(days: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM processed_message WHERE (consumer, message_id) IN (
         SELECT consumer, message_id FROM processed_message WHERE processed_at < now() - make_interval(days => $1)
          ORDER BY processed_at LIMIT $2)`,
      [days, limit],
    );
  }

  /** Webhook receipts older than `days` (providers retry for up to 7 days: Meta's limit). */
  purgeInboundReceipts(days: number, limit: number): Promise<number> {
    return this.count(
      `DELETE FROM inbound_receipt WHERE (channel, provider_message_id) IN (
         SELECT channel, provider_message_id FROM inbound_receipt WHERE received_at < now() - make_interval(days => $1)
          ORDER BY received_at LIMIT $2)`,
      [days, limit],
    );
  }

  private async count(deletion: string, params: unknown[]): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `WITH gone AS (${deletion} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      params,
    );
    return n;
  }
}
