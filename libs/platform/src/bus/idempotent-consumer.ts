import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionalWork } from './message-bus.port';

/**
 * Runs a consumer's work at most once per message id: the processed mark commits in the same transaction as the
 * work, so a redelivered message (Kafka rebalance, relay retry) has no second effect.
 */
@Injectable()
export class IdempotentConsumer {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the message was already processed by this consumer (a cheap check before side effects). */
  async seen(consumer: string, messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM processed_message WHERE consumer = $1 AND message_id = $2`,
      [consumer, messageId],
    );
    return rows.length > 0;
  }

  async once<T>(consumer: string, messageId: string, work: TransactionalWork<T>): Promise<T | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const marked: unknown[] = await manager.query(
        `INSERT INTO processed_message (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [consumer, messageId],
      );
      if (!marked.length) return undefined;
      return work(manager);
    });
  }
}
