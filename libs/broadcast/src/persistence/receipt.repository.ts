import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { closesContactPoint, Receipt } from '../domain/delivery-receipts';

/** Receipts: applied to `delivery` by provider reference, or parked in `pending_receipt` until the send is recorded. */
@Injectable()
export class ReceiptRepository {
  /**
   * Moves a delivery forward only: sent → delivered → read, or sent → failed. Receipts arrive late, twice and out of
   * order (providers retry); a stale one changes nothing. `optedOut` names the contact point an opted-out verdict
   * closes for good (membership closes it). `matched` is false when no delivery carries that provider id (yet).
   */
  async apply(m: EntityManager, r: Receipt): Promise<{ matched: boolean; updated: boolean; optedOut: string | null }> {
    const rows = await m.query<{ id: string; contact_point_id: string; changed: boolean }[]>(
      `WITH target AS (SELECT id FROM delivery WHERE provider_message_id = $1 AND ($5 = '' OR channel = $5)),
            changed AS (
         UPDATE delivery SET status = $2,
                failure = CASE WHEN $2 = 'failed' THEN coalesce($3, 'failed') || coalesce(' ' || $4, '') ELSE failure END,
                delivered_at = CASE WHEN $2 IN ('delivered', 'read') THEN coalesce(delivered_at, now()) ELSE delivered_at END,
                read_at = CASE WHEN $2 = 'read' THEN now() ELSE read_at END,
                updated_at = now()
          WHERE id IN (SELECT id FROM target)
            AND CASE $2 WHEN 'delivered' THEN status IN ('sending', 'sent')
                        WHEN 'read' THEN status IN ('sending', 'sent', 'delivered')
                        WHEN 'failed' THEN status IN ('sending', 'sent')
                        ELSE false END
         RETURNING id, contact_point_id)
       SELECT t.id, c.contact_point_id, c.id IS NOT NULL AS changed FROM target t LEFT JOIN changed c ON c.id = t.id`,
      [r.providerRef, r.state, r.failure ?? null, r.errorCode ?? null, r.channel],
    );
    const changed = rows.filter((x) => x.changed);
    const optedOut = changed.length && closesContactPoint(r) ? changed[0].contact_point_id : null;
    return { matched: rows.length > 0, updated: changed.length > 0, optedOut };
  }

  /** The delivery a failed receipt is about, while it still counts as sent (a late or repeated receipt finds none). */
  async sentDelivery(
    m: EntityManager,
    r: Receipt,
  ): Promise<{ id: string; attempts: number; broadcastId: string; bucket: number } | undefined> {
    const [row] = await m.query<{ id: string; attempts: number; broadcastId: string; bucket: number }[]>(
      `SELECT id, attempts, broadcast_id AS "broadcastId", bucket FROM delivery
        WHERE provider_message_id = $1 AND ($2 = '' OR channel = $2) AND status IN ('sending', 'sent')
        FOR UPDATE`,
      [r.providerRef, r.channel],
    );
    return row;
  }

  /**
   * The provider could not deliver it for now: the delivery is pending again after `retryInMs` (its provider id
   * cleared, so a late receipt of the failed attempt matches nothing), and a completed broadcast sends again.
   */
  async retryLater(
    m: EntityManager,
    deliveryId: string,
    broadcastId: string,
    r: Receipt,
    retryInMs: number,
  ): Promise<void> {
    await m.query(
      `UPDATE delivery SET status = 'pending', provider_message_id = NULL,
              failure = 'retryable' || coalesce(' ' || $2, ''),
              next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
        WHERE id = $1`,
      [deliveryId, r.errorCode ?? null, retryInMs / 1000],
    );
    await m.query(
      `UPDATE broadcast SET status = 'sending', status_changed_at = now() WHERE id = $1 AND status = 'completed'`,
      [broadcastId],
    );
  }

  /**
   * A receipt of a reply or automatic text, forward only as on `delivery`. `ref` is what the reply answers (an
   * officer's answer: `inbox-reply:<id>`), for the event that tells its owner.
   */
  async applyToReply(m: EntityManager, r: Receipt): Promise<{ matched: boolean; changed: ReplyChange | null }> {
    const rows = await m.query<
      {
        ref: string | null;
        status: string;
        failure: string | null;
        contact_point_id: string | null;
        changed: boolean;
      }[]
    >(
      `WITH target AS (SELECT message_id FROM reply_send WHERE provider_message_id = $1 AND ($5 = '' OR channel = $5)),
            changed AS (
         UPDATE reply_send SET status = $2, payload = NULL,
                failure = CASE WHEN $2 = 'failed' THEN coalesce($3, 'failed') || coalesce(' ' || $4, '') ELSE failure END,
                delivered_at = CASE WHEN $2 IN ('delivered', 'read') THEN coalesce(delivered_at, now()) ELSE delivered_at END,
                read_at = CASE WHEN $2 = 'read' THEN now() ELSE read_at END,
                updated_at = now()
          WHERE message_id IN (SELECT message_id FROM target)
            AND CASE $2 WHEN 'delivered' THEN status = 'sent'
                        WHEN 'read' THEN status IN ('sent', 'delivered')
                        WHEN 'failed' THEN status = 'sent'
                        ELSE false END
         RETURNING message_id, ref, status, failure, contact_point_id)
       SELECT c.ref, c.status, c.failure, c.contact_point_id, c.message_id IS NOT NULL AS changed
         FROM target t LEFT JOIN changed c ON c.message_id = t.message_id`,
      [r.providerRef, r.state, r.failure ?? null, r.errorCode ?? null, r.channel],
    );
    const changed = rows.find((x) => x.changed);
    return {
      matched: rows.length > 0,
      changed: changed
        ? {
            ref: changed.ref,
            status: changed.status,
            failure: changed.failure,
            optedOut: changed.contact_point_id && closesContactPoint(r) ? changed.contact_point_id : null,
          }
        : null,
    };
  }

  /** The reply a retryable receipt is about, while it is still 'sent' and can be sent again. */
  async sentReply(
    m: EntityManager,
    r: Receipt,
  ): Promise<{ messageId: string; payload: Record<string, unknown>; attempt: number } | undefined> {
    const [row] = await m.query<{ message_id: string; payload: Record<string, unknown>; attempt: number }[]>(
      `SELECT message_id, payload, attempt FROM reply_send
        WHERE provider_message_id = $1 AND ($2 = '' OR channel = $2) AND status = 'sent' AND payload IS NOT NULL
        LIMIT 1 FOR UPDATE`,
      [r.providerRef, r.channel],
    );
    return row ? { messageId: row.message_id, payload: row.payload, attempt: row.attempt } : undefined;
  }

  /** This send of a reply did not arrive and goes again: it is closed here (its next send has its own record). */
  async supersedeReply(m: EntityManager, messageId: string, r: Receipt): Promise<void> {
    await m.query(
      `UPDATE reply_send SET status = 'failed', payload = NULL, updated_at = now(),
              failure = coalesce($2, 'failed') || coalesce(' ' || $3, '') || ' (sent again)'
        WHERE message_id = $1`,
      [messageId, r.failure ?? null, r.errorCode ?? null],
    );
  }

  /** Records a reply's send (once per reply message: a redelivered send changes nothing). */
  async recordReplySend(
    m: EntityManager,
    send: {
      messageId: string;
      ref: string | null;
      /** The contact point it went to; null for an address that is none (a refused JOIN, an ERASE confirmation). */
      contactPointId: string | null;
      /** The queued reply, kept while a receipt may ask to send it again; null when it cannot be sent again. */
      payload: object | null;
      attempt: number;
      reason: string;
      channel: string;
      providerRef: string | null;
      status: 'sent' | 'failed';
      failure: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO reply_send (message_id, ref, reason, channel, provider_message_id, status, failure, contact_point_id,
                               payload, attempt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (message_id) DO NOTHING`,
      [
        send.messageId,
        send.ref,
        send.reason,
        send.channel,
        send.providerRef,
        send.status,
        send.failure,
        send.contactPointId,
        send.payload === null ? null : JSON.stringify(send.payload),
        send.attempt,
      ],
    );
  }

  /**
   * A receipt can beat the dispatcher's own record of the send (the provider answers while the rest of the batch is
   * still going out). It waits here and is applied when the send (a delivery or a reply) is recorded; after a day it
   * is dropped.
   */
  async park(m: EntityManager, r: Receipt): Promise<void> {
    await m.query(
      `INSERT INTO pending_receipt (channel, provider_ref, state, failure, error_code) VALUES ($5, $1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [r.providerRef, r.state, r.failure ?? null, r.errorCode ?? null, r.channel],
    );
    await m.query(`DELETE FROM pending_receipt WHERE received_at < now() - interval '1 day'`);
  }

  /** Removes and returns the parked receipts of these sends (same channel and reference), oldest first. */
  async takeParked(m: EntityManager, sends: { channel: string; providerRef: string }[]): Promise<Receipt[]> {
    if (!sends.length) return [];
    const parked = await m.query<
      {
        channel: string;
        provider_ref: string;
        state: Receipt['state'];
        failure: string | null;
        error_code: string | null;
      }[]
    >(
      `WITH p AS (DELETE FROM pending_receipt r USING jsonb_to_recordset($1::jsonb) AS s(channel text, ref text)
                   WHERE r.provider_ref = s.ref AND r.channel IN (s.channel, '') RETURNING r.*)
       SELECT * FROM p ORDER BY received_at, CASE state WHEN 'sent' THEN 0 WHEN 'delivered' THEN 1 WHEN 'read' THEN 2 ELSE 3 END`,
      [JSON.stringify(sends.map((s) => ({ channel: s.channel, ref: s.providerRef })))],
    );
    return parked.map((p) => ({
      channel: p.channel,
      providerRef: p.provider_ref,
      state: p.state,
      failure: p.failure,
      errorCode: p.error_code,
    }));
  }
}

/** A reply's new delivery state; `optedOut` names the contact point the receipt closes (the citizen opted out). */
export interface ReplyChange {
  ref: string | null;
  status: string;
  failure: string | null;
  optedOut: string | null;
}
