import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AutoReply } from '../domain/auto-reply';

/** The next try of a held reply: doubling from 5 s up to a minute (about a circuit breaker's cool-down). */
export function heldReplyBackoffSeconds(attempts: number): number {
  return Math.min(60, 5 * 2 ** Math.max(0, attempts - 1));
}

/** Replies whose provider was down, waiting to be sent again (`held_reply`). */
@Injectable()
export class HeldReplyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Holds a reply that could not go out, or counts one more failed try of a held one. Returns false (not held) when
   * it has waited `holdMinutes` since its first failure: it fails for good.
   */
  async hold(messageId: string, reply: AutoReply, failure: string, holdMinutes: number): Promise<boolean> {
    const [row] = await this.dataSource.query<{ held: boolean }[]>(
      `INSERT INTO held_reply (message_id, payload, last_failure, next_attempt_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $5))
       ON CONFLICT (message_id) DO UPDATE
         SET attempts = held_reply.attempts + 1, last_failure = EXCLUDED.last_failure,
             next_attempt_at = now() + make_interval(secs => least(60, 5 * power(2, held_reply.attempts)))
       RETURNING first_held_at > now() - make_interval(mins => $4) AS held`,
      [messageId, JSON.stringify(reply), failure, holdMinutes, heldReplyBackoffSeconds(1)],
    );
    return row.held;
  }

  /** A reply to send again after `delayMs`, in the transaction that closed its previous send. */
  async holdResend(m: EntityManager, messageId: string, reply: AutoReply, failure: string, delayMs: number) {
    await m.query(
      `INSERT INTO held_reply (message_id, payload, last_failure, next_attempt_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) ON CONFLICT (message_id) DO NOTHING`,
      [messageId, JSON.stringify(reply), failure, delayMs / 1000],
    );
  }

  /** The reply went out, or failed for good: it waits no more. */
  async release(m: EntityManager, messageId: string): Promise<void> {
    await m.query(`DELETE FROM held_reply WHERE message_id = $1`, [messageId]);
  }

  /** A held reply with nobody left to send it to (erased, contact closed, already sent) waits no more. */
  async drop(messageId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM held_reply WHERE message_id = $1`, [messageId]);
  }

  /**
   * Takes up to `limit` held replies that are due, leasing them for `leaseSeconds` (another dispatcher skips them
   * meanwhile; a dispatcher that dies mid-send leaves them to be taken again after the lease).
   */
  async takeDue(limit: number, leaseSeconds: number): Promise<{ messageId: string; reply: AutoReply }[]> {
    const rows = await this.dataSource.query<{ message_id: string; payload: AutoReply }[]>(
      `WITH leased AS (
         UPDATE held_reply SET next_attempt_at = now() + make_interval(secs => $2)
          WHERE message_id IN (SELECT message_id FROM held_reply WHERE next_attempt_at <= now()
                                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING message_id, payload)
       SELECT * FROM leased`,
      [limit, leaseSeconds],
    );
    return rows.map((r) => ({ messageId: r.message_id, reply: r.payload }));
  }
}
