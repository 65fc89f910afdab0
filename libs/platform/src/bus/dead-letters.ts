import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { BusBatchHandler, BusHandler, BusMessage, MessageBus } from './message-bus.port';

export interface DeadLetter {
  id: string;
  consumer: string;
  topic: string;
  messageId: string;
  type: string;
  attempts: number;
  error: string;
  firstFailedAt: Date;
  parkedAt: Date;
  replayedAt: Date | null;
}

interface Failures {
  attempts: number;
  firstAt: number;
}

const ERROR_CHARS = 1000;

/** When a failing message is parked: after enough attempts and long enough (both), so a short outage parks nothing. */
export function shouldPark(
  failures: Failures,
  now: number,
  policy: { afterAttempts: number; afterMs: number },
): boolean {
  return failures.attempts >= policy.afterAttempts && now - failures.firstAt >= policy.afterMs;
}

/** The pause before a failed message is tried again: doubling from 200 ms up to 5 s, ±20% (a Kafka session is 15 s). */
export function retryPauseMs(attempts: number, random = Math.random): number {
  return Math.min(5000, 200 * 2 ** Math.max(0, attempts - 1)) * (0.8 + 0.4 * random());
}

/**
 * The dead-letter path of both buses. Every subscription's handler is guarded: a message it keeps failing on is,
 * after DEAD_LETTER_AFTER_ATTEMPTS attempts over at least DEAD_LETTER_AFTER_MS, written to `dead_letter` with its
 * last error and skipped, so one poison message no longer stalls its partition for good. Nothing is lost: parking
 * is an insert in the database, and if that fails too (the database is down) the message is not acknowledged and
 * comes again. An operator replays a parked message by re-publishing it with its own id (consumers dedupe on it, so
 * groups that handled it see nothing new).
 */
export class DeadLetters {
  private readonly logger = new Logger(DeadLetters.name);
  /** Failures of messages not yet handled or parked, per consumer group and message id (this process only). */
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Pick<AppConfig, 'DEAD_LETTER_AFTER_ATTEMPTS' | 'DEAD_LETTER_AFTER_MS'>,
    private readonly metrics?: Metrics,
    private readonly pause: (ms: number) => Promise<unknown> = sleep,
  ) {}

  guard(consumer: string, handler: BusHandler): BusHandler {
    return async (message) => {
      await this.attempt(consumer, message, () => handler(message));
    };
  }

  /**
   * A failing batch is retried message by message, in order: the ones before the poison message are handled (their
   * effects are idempotent per message, as the port requires), the poison one is parked once it is due, and the
   * batch goes on after it. Until then the failure propagates and the bus redelivers from the failing message on.
   */
  guardBatch(consumer: string, handler: BusBatchHandler): BusBatchHandler {
    return async (messages) => {
      try {
        await handler(messages);
        for (const m of messages) this.failures.delete(this.keyOf(consumer, m));
        return;
      } catch (error) {
        if (messages.length === 1) return this.failed(consumer, messages[0], error as Error);
      }
      for (const m of messages) await this.attempt(consumer, m, () => handler([m]));
    };
  }

  private async attempt(consumer: string, message: BusMessage, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.failures.delete(this.keyOf(consumer, message));
    } catch (error) {
      await this.failed(consumer, message, error as Error);
    }
  }

  /** Parks the message when it is due (and returns: the bus moves on); otherwise pauses and rethrows. */
  private async failed(consumer: string, message: BusMessage, error: Error): Promise<void> {
    const key = this.keyOf(consumer, message);
    const failures = this.failures.get(key) ?? { attempts: 0, firstAt: Date.now() };
    failures.attempts++;
    this.failures.set(key, failures);
    const policy = { afterAttempts: this.config.DEAD_LETTER_AFTER_ATTEMPTS, afterMs: this.config.DEAD_LETTER_AFTER_MS };
    if (!shouldPark(failures, Date.now(), policy)) {
      await this.pause(retryPauseMs(failures.attempts));
      throw error;
    }
    // If this insert fails, the error propagates and the message stays unacknowledged: nothing is lost.
    await this.dataSource.query(
      `INSERT INTO dead_letter
         (consumer, topic, message_id, key, type, payload, occurred_at, attempts, error, first_failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (consumer, message_id) DO UPDATE
         SET attempts = dead_letter.attempts + EXCLUDED.attempts, error = EXCLUDED.error,
             parked_at = now(), replayed_at = NULL`,
      [
        consumer,
        message.topic,
        message.id,
        message.key,
        message.type,
        JSON.stringify(message.payload),
        message.occurredAt,
        failures.attempts,
        String(error?.message ?? error).slice(0, ERROR_CHARS),
        new Date(failures.firstAt),
      ],
    );
    this.failures.delete(key);
    this.metrics?.deadLettered.inc({ consumer, topic: message.topic });
    this.logger.error(
      `consumer ${consumer} parked message ${message.id} (${message.type} on ${message.topic}) after ` +
        `${failures.attempts} attempts: ${error?.message}; replay with: npm run cli -- dead-letters:replay ${message.id}`,
    );
  }

  private keyOf(consumer: string, message: BusMessage): string {
    return `${consumer}\u0000${message.id}`;
  }

  /** Parked messages not yet replayed (or all with `all`), oldest first. */
  async list(all = false): Promise<DeadLetter[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, consumer, topic, message_id, type, attempts, error, first_failed_at, parked_at, replayed_at
         FROM dead_letter ${all ? '' : 'WHERE replayed_at IS NULL'} ORDER BY parked_at, id`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      consumer: r.consumer as string,
      topic: r.topic as string,
      messageId: r.message_id as string,
      type: r.type as string,
      attempts: r.attempts as number,
      error: r.error as string,
      firstFailedAt: r.first_failed_at as Date,
      parkedAt: r.parked_at as Date,
      replayedAt: (r.replayed_at as Date | null) ?? null,
    }));
  }

  /**
   * Re-publishes parked messages (by message id, or every waiting one) to their topic with their own id and marks
   * them replayed. A message parked by several groups is published once. Returns the message ids replayed.
   */
  async replay(bus: MessageBus, messageIds: string[] | 'all'): Promise<string[]> {
    const rows: {
      message_id: string;
      topic: string;
      key: string;
      type: string;
      payload: unknown;
      occurred_at: Date;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (message_id) message_id, topic, key, type, payload, occurred_at
           FROM dead_letter
          WHERE replayed_at IS NULL ${messageIds === 'all' ? '' : 'AND message_id = ANY($1)'}
          ORDER BY message_id, parked_at`,
      messageIds === 'all' ? [] : [messageIds],
    );
    if (!rows.length) return [];
    await bus.publish(
      rows.map((r) => ({
        id: r.message_id,
        topic: r.topic as BusMessage['topic'],
        key: r.key,
        type: r.type,
        payload: r.payload,
        occurredAt: new Date(r.occurred_at).toISOString(),
      })),
    );
    // Marked after the publish: a crash in between leaves them waiting, and a second replay is deduped downstream.
    const ids = rows.map((r) => r.message_id);
    await this.dataSource.query(
      `UPDATE dead_letter SET replayed_at = now() WHERE message_id = ANY($1) AND replayed_at IS NULL`,
      [ids],
    );
    return ids;
  }
}
