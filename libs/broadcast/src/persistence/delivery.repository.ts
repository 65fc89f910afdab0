import { Injectable } from '@nestjs/common';
import { ChannelName } from '@jansetu/channels';
import { DataSource, EntityManager } from 'typeorm';
import { AudienceDefinition } from '../domain/audience';
import { audienceGroupsSql, audienceParams } from './audience.repository';

/** A delivery claimed for sending, with what the send needs of its contact point and citizen. */
export interface ClaimedDelivery {
  id: string;
  channel: ChannelName;
  attempts: number;
  address_ciphertext: string;
  last_inbound_at: Date | null;
  pseudonym: string;
  /** The citizen's language at the moment of sending (LANG takes effect for every delivery not yet sent). */
  language: string;
}

/** What a batch's send came to, per delivery: final (sent or failed), or pending again after `retryInMs`. */
export type DeliveryRecord =
  | { id: string; status: 'sent' | 'failed'; providerMessageId: string | null; failure: string | null }
  | { id: string; status: 'pending'; failure: string; retryInMs: number; refundAttempt: boolean };

/**
 * What the dispatcher enforces at send time, per batch: the per-citizen daily cap (null: none, as for an
 * emergency) and the WhatsApp daily unique-user limit (null: none), and how long a delivery beyond it is held.
 */
export interface SendLimits {
  citizenDailyCap: number | null;
  whatsappDailyLimit: number | null;
  whatsappHoldMinutes: number;
  /**
   * The unique WhatsApp users of the last 24 hours when the caller knows them well enough (far below the limit, a
   * recent count); null or absent: the claim counts them itself, exactly, which costs a scan of the day's sends.
   */
  whatsappUsed?: number | null;
}
const NO_LIMITS: SendLimits = { citizenDailyCap: null, whatsappDailyLimit: null, whatsappHoldMinutes: 60 };

/**
 * True when the group `group` belongs to broadcast `b`'s stored audience: named by id, or attached to a node of one
 * of its jurisdiction subtrees (at the level asked, if any). Paths are read now, so a moved subtree is followed.
 */
function inBroadcastAudienceSql(b: string, group: string): string {
  return `(coalesce(${b}.audience -> 'groupIds', '[]'::jsonb) ? ${group}::text
           OR EXISTS (SELECT 1 FROM jsonb_to_recordset(coalesce(${b}.audience -> 'jurisdictions', '[]'::jsonb))
                             AS j("nodeId" uuid, level text)
                        JOIN jurisdiction_node root ON root.id = j."nodeId"
                        JOIN citizen_group grp ON grp.id = ${group}
                        JOIN jurisdiction_node node ON node.id = grp.jurisdiction_node_id
                       WHERE node.path LIKE root.path || '%' AND (j.level IS NULL OR node.level = j.level)))`;
}

/**
 * The `audience` CTE of a fan-out: one row per citizen with an active membership matching `memberships` (one
 * delivery however many groups they share), opted-out citizens left out, with their preferred open contact point.
 */
function audienceRecipientsSql(memberships: string): string {
  return `audience AS (
         SELECT c.id AS citizen_id, cp.id AS contact_point_id, cp.channel, c.language
           FROM (SELECT DISTINCT citizen_id FROM membership WHERE status = 'active' AND ${memberships}) a
           JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
           JOIN LATERAL (SELECT id, channel FROM contact_point
                          WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                          ORDER BY preferred DESC, created_at LIMIT 1) cp ON true)`;
}

/** A provider id for the first record of a batch that carries it; the repeats of it are stored without. */
function providerIdOnce(id: string | null, seen: Set<string>): { provider_id: string | null; repeated: boolean } {
  if (id === null) return { provider_id: null, repeated: false };
  if (seen.has(id)) return { provider_id: null, repeated: true };
  seen.add(id);
  return { provider_id: id, repeated: false };
}

/** The `delivery` table: one row per citizen of a broadcast. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Materialises a broadcast's audience: one delivery per citizen however many groups they share, opted-out
   * citizens left out, the preferred contact point chosen, spread over buckets of about `bucketSize`. Reads
   * membership's tables (memberships, citizens, contact points) for the fan-out, in one statement.
   */
  async fanOut(
    m: EntityManager,
    broadcastId: string,
    audience: AudienceDefinition,
    bucketing: { maxBuckets: number; bucketSize: number },
  ): Promise<{ recipients: number; buckets: number }> {
    const buckets = `GREATEST(1, LEAST(${bucketing.maxBuckets}, ceil(count(*) OVER () / ${bucketing.bucketSize}::numeric)::int))`;
    const [row] = await m.query<{ recipients: number; buckets: number }[]>(
      `WITH ${audienceRecipientsSql(`group_id IN ${audienceGroupsSql(2, 3, 4)}`)},
       inserted AS (
         INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status, bucket)
         SELECT $1, citizen_id, contact_point_id, channel, language, 'pending', (row_number() OVER () % ${buckets})::smallint
           FROM audience
         RETURNING bucket)
       SELECT count(*)::int AS recipients, coalesce(max(bucket) + 1, 1)::int AS buckets FROM inserted`,
      [broadcastId, ...audienceParams(audience)],
    );
    return row;
  }

  /**
   * Cuts a streamed broadcast's audience into `slices` ranges of citizen id (uuids are uniform, so the ranges are
   * about equal), dealt round the `buckets`; the dispatchers materialise them (`materialiseSlice`).
   */
  async cutSlices(m: EntityManager, broadcastId: string, slices: number, buckets: number): Promise<void> {
    const bound = (k: string) =>
      `(lpad(to_hex((${k})::bigint * 4294967296 / $2), 8, '0') || '-0000-0000-0000-000000000000')::uuid`;
    await m.query(
      `INSERT INTO broadcast_slice (broadcast_id, slice, bucket, lo, hi)
       SELECT $1, k, k % $3, ${bound('k')}, CASE WHEN k + 1 < $2 THEN ${bound('k + 1')} END
         FROM generate_series(0, $2 - 1) AS k`,
      [broadcastId, slices, buckets],
    );
  }

  /** Whether a bucket of the broadcast still has slices to materialise (an index probe; false when not streamed). */
  async hasOpenSlice(broadcastId: string, bucket: number): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM broadcast_slice WHERE broadcast_id = $1 AND bucket = $2 AND materialised_at IS NULL LIMIT 1`,
      [broadcastId, bucket],
    );
    return rows.length > 0;
  }

  /** Whether a streamed broadcast's groups are resolved (`resolveAudienceGroups`). */
  async hasAudienceGroups(m: EntityManager, broadcastId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM broadcast_audience_group WHERE broadcast_id = $1 LIMIT 1`, [
      broadcastId,
    ]);
    return rows.length > 0;
  }

  /** Keeps a streamed broadcast's groups, resolved once, for its slices to join to. */
  async resolveAudienceGroups(m: EntityManager, broadcastId: string, groupIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO broadcast_audience_group (broadcast_id, group_id)
       SELECT $1, g FROM unnest($2::uuid[]) AS g ON CONFLICT DO NOTHING`,
      [broadcastId, groupIds],
    );
  }

  /** Once every slice is materialised (or the broadcast is cancelled) its groups are no longer needed. */
  async forgetAudienceGroups(m: EntityManager, broadcastId: string): Promise<void> {
    await m.query(`DELETE FROM broadcast_audience_group WHERE broadcast_id = $1`, [broadcastId]);
  }

  /**
   * Materialises the next open slice of a bucket as `fanOut` does the whole audience (the same choice of citizen
   * and contact point, opted-out citizens left out as of now) and marks it done in the same transaction: a slice is
   * all there or not at all. The slice is read by its range of citizen ids (membership_citizen_idx) and joined to
   * the broadcast's resolved groups (broadcast_audience_group), not by probing 45,000 village groups one by one.
   * The caller holds the broadcast's row lock. Null when no slice is open.
   */
  async materialiseSlice(
    m: EntityManager,
    broadcastId: string,
    bucket: number,
  ): Promise<{ slice: number; recipients: number } | null> {
    const [slice] = await m.query<{ slice: number; lo: string; hi: string | null }[]>(
      `SELECT slice, lo, hi FROM broadcast_slice
        WHERE broadcast_id = $1 AND bucket = $2 AND materialised_at IS NULL ORDER BY slice LIMIT 1 FOR UPDATE`,
      [broadcastId, bucket],
    );
    if (!slice) return null;
    const [{ n }] = await m.query<{ n: number }[]>(
      `WITH ${audienceRecipientsSql(
        `group_id IN (SELECT group_id FROM broadcast_audience_group WHERE broadcast_id = $1)
           AND citizen_id >= $3 AND ($4::uuid IS NULL OR citizen_id < $4)`,
      )},
       inserted AS (
         INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status, bucket)
         SELECT $1, citizen_id, contact_point_id, channel, language, 'pending', $2 FROM audience
         ON CONFLICT (broadcast_id, citizen_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [broadcastId, bucket, slice.lo, slice.hi],
    );
    await m.query(
      `UPDATE broadcast_slice SET materialised_at = now(), recipients = $3 WHERE broadcast_id = $1 AND slice = $2`,
      [broadcastId, slice.slice, n],
    );
    return { slice: slice.slice, recipients: n };
  }

  /** Whether every slice of a streamed broadcast is materialised (true for one fanned out at creation). */
  async allSlicesMaterialised(m: EntityManager, broadcastId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `SELECT 1 FROM broadcast_slice WHERE broadcast_id = $1 AND materialised_at IS NULL LIMIT 1`,
      [broadcastId],
    );
    return rows.length === 0;
  }

  /**
   * Deliveries left in 'sending' longer than `staleSeconds` belong to a dispatcher that died mid-batch: back to
   * pending, to be sent again.
   */
  async releaseStale(broadcastId: string, bucket: number, staleSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE delivery SET status = 'pending' WHERE broadcast_id = $1 AND bucket = $2 AND status = 'sending'
          AND updated_at < now() - make_interval(secs => $3)`,
      [broadcastId, bucket, staleSeconds],
    );
  }

  /**
   * Claims up to `limit` due deliveries of a bucket (status 'sending', one more attempt). SKIP LOCKED hands each of
   * several dispatchers its own rows. In the order of delivery_pending_idx (broadcast, bucket, next_attempt_at), so
   * a claim reads its rows and stops: ordered by id, it sorted the whole bucket each time.
   */
  async claimPendingBatch(
    broadcastId: string,
    bucket: number,
    limit: number,
    limits: SendLimits = NO_LIMITS,
  ): Promise<ClaimedDelivery[]> {
    // One statement a batch, whatever its size: the per-citizen daily cap and the WhatsApp daily unique-user limit
    // are checked for the whole batch by joins (delivery_citizen_recent_idx, delivery_whatsapp_recent_idx), never
    // by a query per recipient. Capped rows end as 'capped'; rows beyond the WhatsApp limit stay pending and are
    // held for WHATSAPP_HOLD_MINUTES (the rolling 24-hour window frees places as it moves). PostgreSQL runs the
    // data-modifying CTEs (capped, held) whether or not the final SELECT reads them; they touch disjoint rows.
    // When the day's WhatsApp users are known and a whole batch of new ones could not reach the limit, no row is
    // held and the per-citizen look-up (wa_new) is not run at all: a one-time filter. Run, it probed the index of
    // the day's WhatsApp sends, which a state-wide broadcast grows faster than the statistics follow: with stale
    // statistics PostgreSQL scanned the whole day's range for every row (300 ms a batch at 60,000 recipients).
    return this.dataSource.query<ClaimedDelivery[]>(
      `WITH batch AS (
         SELECT id, citizen_id, channel FROM delivery
          WHERE broadcast_id = $1 AND bucket = $2 AND status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED),
       recent AS (
         SELECT d.citizen_id, count(*)::int AS n FROM delivery d JOIN broadcast b ON b.id = d.broadcast_id
          WHERE $3::int IS NOT NULL AND d.citizen_id IN (SELECT citizen_id FROM batch)
            AND d.status IN ('sending','sent','delivered','read') AND d.updated_at > now() - interval '24 hours'
            AND d.broadcast_id <> $1 AND b.category <> 'emergency'
          GROUP BY d.citizen_id),
       over_cap AS (SELECT batch.id FROM batch JOIN recent r USING (citizen_id) WHERE r.n >= $3),
       capped AS (
         UPDATE delivery d SET status = 'capped', failure = 'daily-cap', updated_at = now()
           FROM over_cap WHERE d.id = over_cap.id RETURNING d.id),
       wa_used AS (
         SELECT CASE WHEN $4::int IS NULL OR NOT EXISTS (SELECT 1 FROM batch WHERE batch.channel = 'whatsapp') THEN 0
                     WHEN $6::int IS NOT NULL THEN $6::int
                     ELSE (SELECT count(DISTINCT citizen_id)::int FROM delivery
                            WHERE channel = 'whatsapp' AND status IN ('sending','sent','delivered','read')
                              AND updated_at > now() - interval '24 hours') END AS n),
       wa_new AS (
         SELECT batch.id, row_number() OVER (ORDER BY batch.id) AS rn FROM batch
          WHERE $4::int IS NOT NULL AND NOT ($6::int IS NOT NULL AND $6::int + ${Math.floor(limit)} <= $4::int)
            AND batch.channel = 'whatsapp' AND batch.id NOT IN (SELECT id FROM over_cap)
            AND NOT EXISTS (SELECT 1 FROM delivery x
                             WHERE x.channel = 'whatsapp' AND x.citizen_id = batch.citizen_id
                               AND x.status IN ('sending','sent','delivered','read')
                               AND x.updated_at > now() - interval '24 hours')),
       held AS (
         UPDATE delivery d SET next_attempt_at = now() + make_interval(mins => $5), failure = 'whatsapp-daily-limit'
           FROM wa_new, wa_used WHERE d.id = wa_new.id AND wa_used.n + wa_new.rn > $4 RETURNING d.id),
       claimed AS (
         UPDATE delivery d SET status = 'sending', attempts = attempts + 1, updated_at = now(), language = c.language
           FROM batch, contact_point cp, citizen c
          WHERE d.id = batch.id AND cp.id = d.contact_point_id AND c.id = d.citizen_id
            AND batch.id NOT IN (SELECT id FROM over_cap)
            AND NOT EXISTS (SELECT 1 FROM wa_new, wa_used WHERE wa_new.id = batch.id AND wa_used.n + wa_new.rn > $4)
         RETURNING d.id, d.channel, d.attempts, cp.address_ciphertext, cp.last_inbound_at, c.pseudonym, c.language)
       SELECT * FROM claimed`,
      [
        broadcastId,
        bucket,
        limits.citizenDailyCap,
        limits.whatsappDailyLimit,
        limits.whatsappHoldMinutes,
        limits.whatsappUsed ?? null,
      ],
    );
  }

  /** Unique citizens WhatsApp reached in the last 24 hours (the count the daily unique-user limit is held to). */
  async whatsappUsersLast24h(): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT citizen_id)::int AS n FROM delivery
        WHERE channel = 'whatsapp' AND status IN ('sending','sent','delivered','read')
          AND updated_at > now() - interval '24 hours'`,
    );
    return n;
  }

  /**
   * How many of an audience the per-citizen daily cap would hold back now: citizens who already received
   * `cap` non-emergency police messages in the last 24 hours (for the preview; same rule as the claim).
   */
  async wouldBeCapped(audience: AudienceDefinition, cap: number): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT d.citizen_id FROM delivery d JOIN broadcast b ON b.id = d.broadcast_id
          WHERE d.citizen_id IN (SELECT citizen_id FROM membership
                                  WHERE group_id IN ${audienceGroupsSql(2, 3, 4)} AND status = 'active')
            AND d.status IN ('sending','sent','delivered','read') AND d.updated_at > now() - interval '24 hours'
            AND b.category <> 'emergency'
          GROUP BY d.citizen_id HAVING count(*) >= $1) s`,
      [cap, ...audienceParams(audience)],
    );
    return n;
  }

  /**
   * The jurisdiction codes of each delivery's citizen, outermost first (state ... station, locality), through the
   * citizen's earliest active membership: what CHANNEL_ROUTES matches a district's or zone's line on.
   */
  async jurisdictionCodes(deliveryIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.query<{ id: string; codes: string[] }[]>(
      `SELECT d.id, (SELECT array_agg(a.code ORDER BY length(a.path)) FROM jurisdiction_node a
                      WHERE a.id = ANY(string_to_array(trim(both '/' from n.path), '/')::uuid[])) AS codes
         FROM delivery d
         JOIN LATERAL (SELECT g.jurisdiction_node_id FROM membership m JOIN citizen_group g ON g.id = m.group_id
                        WHERE m.citizen_id = d.citizen_id AND m.status = 'active'
                        ORDER BY m.joined_at, m.id LIMIT 1) home ON true
         JOIN jurisdiction_node n ON n.id = home.jurisdiction_node_id
        WHERE d.id = ANY($1::uuid[])`,
      [deliveryIds],
    );
    return new Map(rows.map((r) => [r.id, r.codes ?? []]));
  }

  /** Milliseconds until the next waiting delivery of the bucket is due; null when nothing is left to send. */
  async nextDueInMs(broadcastId: string, bucket: number): Promise<number | null> {
    const [row] = await this.dataSource.query<{ wait: number | null; open: number }[]>(
      `SELECT (EXTRACT(EPOCH FROM min(next_attempt_at) FILTER (WHERE status = 'pending') - now()) * 1000)::float8 AS wait,
              count(*)::int AS open
         FROM delivery WHERE broadcast_id = $1 AND bucket = $2 AND status IN ('pending', 'sending')`,
      [broadcastId, bucket],
    );
    if (row.open === 0) return null;
    return row.wait ?? 1000; // rows still 'sending' elsewhere: look again shortly
  }

  /**
   * A bucket whose next delivery is due only in `dueInMs` (a receipt retry, a held WhatsApp send) is set aside until
   * then instead of being worked in a loop; `takeDueParked` hands it back to the dispatch queue.
   */
  async parkBucket(broadcastId: string, bucket: number, dueInMs: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO parked_bucket (broadcast_id, bucket, due_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (broadcast_id, bucket) DO UPDATE SET due_at = LEAST(parked_bucket.due_at, EXCLUDED.due_at)`,
      [broadcastId, bucket, dueInMs / 1000],
    );
  }

  /** Removes and returns up to `limit` parked buckets now due, of broadcasts still sending (the rest are dropped). */
  async takeDueParked(m: EntityManager, limit: number): Promise<{ broadcastId: string; bucket: number }[]> {
    const rows = await m.query<{ broadcastId: string; bucket: number; status: string }[]>(
      `WITH due AS (SELECT broadcast_id, bucket FROM parked_bucket WHERE due_at <= now()
                     ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED),
            taken AS (DELETE FROM parked_bucket p USING due
                       WHERE p.broadcast_id = due.broadcast_id AND p.bucket = due.bucket
                       RETURNING p.broadcast_id, p.bucket)
       SELECT t.broadcast_id AS "broadcastId", t.bucket, b.status FROM taken t JOIN broadcast b ON b.id = t.broadcast_id`,
      [limit],
    );
    return rows.filter((r) => r.status === 'sending').map(({ broadcastId, bucket }) => ({ broadcastId, bucket }));
  }

  /**
   * Stores a batch's outcomes in one statement; a refunded (throttled) attempt does not count against the budget.
   * A provider id another delivery of the channel already holds (or that two of the batch share) is not stored on
   * the later one: a provider that repeats its ids must not fail the batch's record, which would leave the batch
   * 'sending' and send it again. Those deliveries are sent all the same (their receipts cannot be matched); their
   * ids are returned so the caller can say so.
   */
  async recordOutcomes(m: EntityManager, records: DeliveryRecord[]): Promise<string[]> {
    const seen = new Set<string>();
    const clashes = await m.query<{ id: string }[]>(
      `WITH recorded AS (
       UPDATE delivery d SET status = o.status, failure = o.failure,
              provider_message_id = CASE WHEN o.provider_id IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM delivery x WHERE x.channel = d.channel AND x.provider_message_id = o.provider_id
                     AND x.id <> d.id) THEN o.provider_id END,
              attempts = d.attempts - o.refund,
              next_attempt_at = now() + make_interval(secs => o.retry_s), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, status text, provider_id text, failure text, retry_s float8,
                                                 refund int, repeated boolean)
        WHERE d.id = o.id
       RETURNING d.id, (o.repeated OR (o.provider_id IS NOT NULL AND d.provider_message_id IS NULL)) AS clash)
       SELECT id FROM recorded WHERE clash`,
      [
        JSON.stringify(
          records.map((r) =>
            r.status === 'pending'
              ? {
                  id: r.id,
                  status: r.status,
                  provider_id: null,
                  repeated: false,
                  failure: r.failure,
                  retry_s: r.retryInMs / 1000,
                  refund: r.refundAttempt ? 1 : 0,
                }
              : {
                  id: r.id,
                  status: r.status,
                  ...providerIdOnce(r.providerMessageId, seen),
                  failure: r.failure,
                  retry_s: 0,
                  refund: 0,
                },
          ),
        ),
      ],
    );
    return clashes.map((c) => c.id);
  }

  /** The contact points these deliveries went to. */
  async contactPointsOf(m: EntityManager, deliveryIds: string[]): Promise<string[]> {
    if (!deliveryIds.length) return [];
    const rows = await m.query<{ contact_point_id: string }[]>(
      `SELECT DISTINCT contact_point_id FROM delivery WHERE id = ANY($1::uuid[])`,
      [deliveryIds],
    );
    return rows.map((r) => r.contact_point_id);
  }

  /** Deliveries of a broadcast counted by status and channel, for its completion audit. */
  async outcomeCounts(
    m: EntityManager,
    broadcastId: string,
  ): Promise<{ status: string; channel: string; n: number }[]> {
    return m.query<{ status: string; channel: string; n: number }[]>(
      `SELECT status, channel, count(*)::int AS n FROM delivery WHERE broadcast_id = $1 GROUP BY status, channel ORDER BY 1, 2`,
      [broadcastId],
    );
  }

  /** A broadcast rejected or cancelled: what has not been sent yet never will be. Returns how many were cancelled. */
  async cancelPendingOfBroadcast(m: EntityManager, broadcastId: string): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `WITH c AS (UPDATE delivery SET status = 'cancelled', updated_at = now()
                   WHERE broadcast_id = $1 AND status = 'pending' RETURNING 1)
       SELECT count(*)::int AS n FROM c`,
      [broadcastId],
    );
    // Ended: no slice of it is materialised any more, so its resolved groups go too.
    await this.forgetAudienceGroups(m, broadcastId);
    return n;
  }

  /** A citizen said STOP: every delivery still queued for them is cancelled. */
  async cancelPendingForCitizen(m: EntityManager, citizenId: string): Promise<void> {
    await m.query(
      `UPDATE delivery SET status = 'cancelled', failure = 'opted-out', updated_at = now()
        WHERE citizen_id = $1 AND status = 'pending'`,
      [citizenId],
    );
  }

  /**
   * A citizen left a group: queued deliveries that only this group brought are cancelled; a broadcast that also
   * reaches them through a group they are still an active member of goes on. Reads membership's `membership`, so
   * run it after the membership is marked left (the same transaction, or after that commit).
   */
  async cancelPendingForMembership(m: EntityManager, citizenId: string, groupId: string): Promise<void> {
    await m.query(
      `UPDATE delivery d SET status = 'cancelled', failure = 'left-group', updated_at = now()
         FROM broadcast b
        WHERE b.id = d.broadcast_id AND d.citizen_id = $1 AND d.status = 'pending'
          AND ${inBroadcastAudienceSql('b', '$2::uuid')}
          AND NOT EXISTS (SELECT 1 FROM membership m
                           WHERE m.citizen_id = $1 AND m.status = 'active' AND ${inBroadcastAudienceSql('b', 'm.group_id')})`,
      [citizenId, groupId],
    );
  }

  /** A citizen was erased: deliveries still queued for them fail as 'erased' (the inbox's ERASE does this today). */
  async failPendingForErasedCitizen(m: EntityManager, citizenId: string): Promise<void> {
    await m.query(
      `UPDATE delivery SET status = 'failed', failure = 'erased', updated_at = now()
        WHERE citizen_id = $1 AND status = 'pending'`,
      [citizenId],
    );
  }

  /** Distinct citizens WhatsApp messages reached in the last 24 hours: the daily unique-user tier is counted so. */
  async whatsappRecipientsLast24h(): Promise<number> {
    const [{ sent }] = await this.dataSource.query<{ sent: number }[]>(
      `SELECT count(DISTINCT citizen_id)::int AS sent FROM delivery
        WHERE channel = 'whatsapp' AND status IN ('sent', 'delivered', 'read') AND updated_at > now() - interval '24 hours'`,
    );
    return sent;
  }

  /**
   * Retention: broadcasts finished more than `days` ago keep their outcome (counts by status and by channel) on
   * their own row, after which their deliveries may go. Returns how many broadcasts were summarised now.
   */
  async keepSummariesOfFinished(days: number): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `WITH kept AS (UPDATE broadcast b SET delivery_summary = jsonb_build_object(
         'byStatus', coalesce((SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY status) s), '{}'),
         'byChannel', coalesce((SELECT jsonb_object_agg(channel, n) FROM (SELECT channel, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY channel) s), '{}'),
         'byReason', coalesce((SELECT jsonb_object_agg(failure, n) FROM (SELECT failure, count(*)::int n FROM delivery WHERE broadcast_id = b.id AND status IN ('failed', 'capped', 'cancelled') AND failure IS NOT NULL GROUP BY failure) s), '{}'))
        WHERE b.delivery_summary IS NULL AND b.status IN ('completed', 'cancelled')
          AND b.status_changed_at < now() - make_interval(days => $1)
       RETURNING b.id)
       SELECT count(*)::int AS n FROM kept`,
      [days],
    );
    return n;
  }

  /** Replies kept more than a day for a resend that no receipt asked for: the copy is dropped, the record stays. */
  async forgetStaleReplyPayloads(): Promise<void> {
    await this.dataSource.query(
      `UPDATE reply_send SET payload = NULL WHERE payload IS NOT NULL AND sent_at < now() - interval '1 day'`,
    );
  }

  /**
   * Retention of replies' records (`reply_send`): up to `limit` sent more than `days` ago deleted (the audit log
   * keeps each reply's send; receipts arriving later match nothing and wait a day in pending_receipt).
   */
  async purgeReplySends(days: number, limit: number): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `WITH gone AS (
         DELETE FROM reply_send WHERE message_id = ANY(ARRAY(
           SELECT message_id FROM reply_send WHERE sent_at < now() - make_interval(days => $1) LIMIT $2))
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [days, limit],
    );
    return n;
  }

  /** Up to `limit` deliveries of summarised broadcasts deleted; returns how many. */
  async purgeSummarised(limit: number): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `WITH gone AS (
         DELETE FROM delivery WHERE id = ANY(ARRAY(
           SELECT d.id FROM delivery d JOIN broadcast b ON b.id = d.broadcast_id
            WHERE b.delivery_summary IS NOT NULL LIMIT $1))
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [limit],
    );
    return n;
  }
}
