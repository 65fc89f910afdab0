import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewVerdict } from '../domain/approval-rules';
import { AudienceDefinition } from '../domain/audience';
import { BroadcastBody, BroadcastForms, BroadcastStatus, Category } from '../domain/broadcast';
import { BroadcastFingerprints } from '../domain/verification-code';
import type {
  AreaDelivery,
  PendingDecision,
  TodaysBroadcast,
} from '../queries/summarise-broadcasts/summarise-broadcasts.query';

/** A broadcast as its lifecycle handlers need it, locked for the caller's transaction. */
export interface LockedBroadcast {
  authorId: string;
  category: Category;
  /** What an approver must be strictly above (approvalScope); null = state-wide, HQ decides. */
  approvalPath: string | null;
  reviewVerdict: ReviewVerdict | null;
  status: BroadcastStatus;
  needsApproval: boolean;
  approvedAt: Date | null;
  jurisdictionPath: string | null;
  scheduledAt: Date | null;
  buckets: number;
}

/** What a dispatcher needs of a broadcast to send it. */
export interface BroadcastToSend {
  category: Category;
  body: BroadcastBody;
  forms: BroadcastForms;
  path: string | null;
  priority: number;
  /** Appended to the text; null for broadcasts older than verification codes. */
  verificationCode: string | null;
}

/** A broadcast citizens may have received, as verification compares a forwarded text with it. */
export interface VerifiableBroadcast {
  id: string;
  verificationCode: string;
  body: BroadcastBody;
  fingerprints: BroadcastFingerprints;
  createdAt: Date;
  jurisdictionPath: string | null;
}

/** Statuses of broadcasts that reached (or are reaching) citizens. */
const SENT_STATUSES = ['sending', 'paused', 'completed', 'cancelled'];

export interface NewBroadcast {
  authorId: string;
  category: Category;
  body: BroadcastBody;
  forms: BroadcastForms;
  audience: AudienceDefinition;
  jurisdictionPath: string | null;
  priority: number;
  scheduledAt: Date | null;
  authorPath: string | null;
  approvalPath: string | null;
  /** An emergency's review: due when, and where it sits first (null = HQ). */
  review: { dueAt: Date; path: string | null } | null;
  verificationCode: string;
  fingerprints: BroadcastFingerprints;
}

/** The broadcast's summary for officers, with its delivery counts. */
export interface BroadcastSummaryRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  audienceEstimate: number | null;
  audienceResolving: boolean;
  createdAt: string;
  path: string | null;
  verificationCode: string | null;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byReason: Record<string, number>;
  review: BroadcastReviewRow | null;
}

/** An emergency's mandatory review as officers see it. */
export interface BroadcastReviewRow {
  dueAt: string;
  /** The jurisdiction whose officers are asked now (null = HQ); escalations moved it up. */
  path: string | null;
  escalations: number;
  verdict: ReviewVerdict | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  note: string | null;
}

/** A row of the approval or review queue. */
export interface BroadcastQueueRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  /** Streamed: the membership count its slices were cut from, what an approver judges before it is resolved. */
  audienceEstimate: number | null;
  createdAt: string;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  reviewDueAt: string | null;
  reviewPath: string | null;
  reviewEscalations: number;
  reviewVerdict: ReviewVerdict | null;
}

/**
 * A broadcast's deliveries by status as `by_status` (jsonb), from the summary kept once finished deliveries were
 * purged, else counted live. `b` is the broadcast.
 */
const BY_STATUS = `coalesce(b.delivery_summary->'byStatus',
  (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int n FROM delivery WHERE broadcast_id = b.id
     GROUP BY status) s), '{}')`;
/** Over a row holding `by_status`: its count for some statuses. */
const countOf = (...statuses: string[]) => statuses.map((x) => `coalesce((by_status->>'${x}')::int, 0)`).join(' + ');
/** Filters of the list of broadcasts an officer may see. */
export interface BroadcastListFilter {
  statuses: BroadcastStatus[];
  category: Category | null;
  from: Date | null;
  to: Date | null;
  authorId: string | null;
  limit: number;
  offset: number;
}

/** A row of the list of broadcasts, with its deliveries counted by state. */
export interface BroadcastListRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  scheduledAt: string | null;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  needsApproval: boolean;
  byStatus: Record<string, number>;
}

/** State-wide approval scope is stored as '/', so NULL stays "not recorded" (rows older than the column). */
const STATE_WIDE = '/';

const VERIFIABLE = `SELECT id, verification_code AS "verificationCode", body, fingerprints, created_at AS "createdAt",
                           jurisdiction_path AS "jurisdictionPath" FROM broadcast`;

/** The `broadcast` table. */
@Injectable()
export class BroadcastRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserted as 'sending' until the audience is known; `recordAudience` sets the real status in the same transaction. */
  async insert(m: EntityManager, b: NewBroadcast): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO broadcast (author_id, category, body, forms, audience, jurisdiction_path, status, priority, scheduled_at,
                              author_path, approval_path, review_due_at, review_path, verification_code, fingerprints)
       VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        b.authorId,
        b.category,
        JSON.stringify(b.body),
        JSON.stringify(b.forms),
        JSON.stringify(b.audience),
        b.jurisdictionPath,
        b.priority,
        b.scheduledAt,
        b.authorPath,
        b.approvalPath ?? STATE_WIDE,
        b.review?.dueAt ?? null,
        b.review?.path ?? null,
        b.verificationCode,
        JSON.stringify(b.fingerprints),
      ],
    );
    return id;
  }

  async verificationCodeTaken(m: EntityManager, code: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(`SELECT 1 FROM broadcast WHERE verification_code = $1`, [code]);
    return rows.length > 0;
  }

  /** The broadcast with this code, if it reached citizens. */
  async verifiableByCode(code: string): Promise<VerifiableBroadcast | undefined> {
    const [b] = await this.dataSource.query<VerifiableBroadcast[]>(
      `${VERIFIABLE} WHERE verification_code = $1 AND status = ANY($2)`,
      [code, SENT_STATUSES],
    );
    return b;
  }

  /** Broadcasts sent in the last `days` days that carry signatures, newest first. */
  async verifiableSince(days: number): Promise<VerifiableBroadcast[]> {
    return this.dataSource.query<VerifiableBroadcast[]>(
      `${VERIFIABLE} WHERE fingerprints IS NOT NULL AND status = ANY($1) AND created_at > now() - make_interval(days => $2)
       ORDER BY created_at DESC`,
      [SENT_STATUSES, days],
    );
  }

  async recordAudience(
    m: EntityManager,
    id: string,
    a: {
      recipients: number;
      buckets: number;
      needsApproval: boolean;
      status: BroadcastStatus;
      /** Streamed: the membership count its slices were cut from; null when fanned out at creation. */
      audienceEstimate: number | null;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE broadcast SET recipient_count = $2, buckets = $3, needs_approval = $4, status = $5, audience_estimate = $6
        WHERE id = $1`,
      [id, a.recipients, a.buckets, a.needsApproval, a.status, a.audienceEstimate],
    );
  }

  /**
   * Locks a broadcast that is sending, for materialising a slice of its audience: its stored audience, or undefined
   * when it is not sending (paused, cancelled: nothing is added). Serialises with pause and cancel, which lock it too.
   */
  async lockSending(m: EntityManager, id: string): Promise<{ audience: AudienceDefinition } | undefined> {
    const [b] = await m.query<{ audience: AudienceDefinition }[]>(
      `SELECT audience FROM broadcast WHERE id = $1 AND status = 'sending' FOR UPDATE`,
      [id],
    );
    return b;
  }

  /** Counts a materialised slice's recipients into the broadcast's; the new total. */
  async addRecipients(m: EntityManager, id: string, n: number): Promise<number> {
    const [[row]] = await m.query<[{ total: number }[], number]>(
      `UPDATE broadcast SET recipient_count = recipient_count + $2 WHERE id = $1 RETURNING recipient_count AS total`,
      [id, n],
    );
    return row.total;
  }

  async lock(m: EntityManager, id: string): Promise<LockedBroadcast | undefined> {
    const [b] = await m.query<LockedBroadcast[]>(
      `SELECT author_id AS "authorId", status, needs_approval AS "needsApproval", approved_at AS "approvedAt",
              jurisdiction_path AS "jurisdictionPath", scheduled_at AS "scheduledAt", buckets, category,
              coalesce(approval_path, jurisdiction_path, $2) AS "approvalPath", review_verdict AS "reviewVerdict"
         FROM broadcast WHERE id = $1 FOR UPDATE`,
      [id, STATE_WIDE],
    );
    if (b && b.approvalPath === STATE_WIDE) b.approvalPath = null;
    return b;
  }

  async markApproved(
    m: EntityManager,
    id: string,
    status: BroadcastStatus,
    approverId: string,
    note: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE broadcast SET status = $2, approved_by = $3, approved_at = now(), approval_note = $4, status_changed_at = now() WHERE id = $1`,
      [id, status, approverId, note],
    );
  }

  /** An emergency's review decided: confirmed, or "not an emergency" (kept, audited, shown on the broadcast). */
  async markReviewed(
    m: EntityManager,
    id: string,
    verdict: ReviewVerdict,
    officerId: string,
    note: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE broadcast SET review_verdict = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 WHERE id = $1`,
      [id, verdict, officerId, note],
    );
  }

  /**
   * Serialises one officer's broadcast creations (a transaction-scoped advisory lock) and returns when their
   * broadcasts inside the window were created, so 30 requests at once cannot all pass a count taken before any.
   */
  async recentByAuthor(m: EntityManager, authorId: string, windowSeconds: number): Promise<Date[]> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('broadcast-rate:' || $1))`, [authorId]);
    const rows = await m.query<{ at: Date }[]>(
      `SELECT created_at AS at FROM broadcast
        WHERE author_id = $1 AND created_at > now() - make_interval(secs => $2) ORDER BY created_at`,
      [authorId, windowSeconds],
    );
    return rows.map((r) => new Date(r.at));
  }

  /**
   * Locks the overdue, undecided emergency reviews for the caller's transaction (SKIP LOCKED: several dispatchers run
   * the job, each review is taken by one); `moveReview` then sets the next level and a new deadline, so a review is
   * escalated once per deadline however often the job runs.
   */
  async lockOverdueReviews(
    m: EntityManager,
    limit: number,
  ): Promise<{ id: string; fromPath: string | null; escalations: number; jurisdictionPath: string | null }[]> {
    const due = await m.query<
      { id: string; fromPath: string | null; escalations: number; jurisdictionPath: string | null }[]
    >(
      `SELECT id, review_path AS "fromPath", review_escalations AS escalations, jurisdiction_path AS "jurisdictionPath"
         FROM broadcast WHERE review_due_at <= now() AND review_verdict IS NULL
        ORDER BY review_due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return due;
  }

  async moveReview(m: EntityManager, id: string, toPath: string | null, minutes: number): Promise<void> {
    await m.query(
      `UPDATE broadcast SET review_path = $2, review_escalations = review_escalations + 1,
              review_due_at = now() + make_interval(mins => $3) WHERE id = $1`,
      [id, toPath, minutes],
    );
  }

  /**
   * The approval queue (`pending_approval`) or the emergency review queue (`review`) an officer may decide: the
   * approval scope strictly inside their jurisdiction (everything for state-wide officers), never their own
   * broadcasts; most urgent first, paged by offset.
   */
  async queueFor(
    officer: { id: string; jurisdictionPath: string | null },
    queue: 'pending_approval' | 'review',
    limit: number,
    offset: number,
  ): Promise<BroadcastQueueRow[]> {
    const where =
      queue === 'review'
        ? `b.category = 'emergency' AND b.review_due_at IS NOT NULL AND b.review_verdict IS NULL`
        : `b.status = 'pending_approval'`;
    return this.dataSource.query<BroadcastQueueRow[]>(
      `SELECT b.id, b.category, b.status, b.recipient_count AS recipients, b.audience_estimate AS "audienceEstimate",
              b.created_at AS "createdAt",
              b.jurisdiction_path AS path, b.author_id AS "authorId", b.body, b.review_due_at AS "reviewDueAt",
              b.review_path AS "reviewPath", b.review_escalations AS "reviewEscalations",
              b.review_verdict AS "reviewVerdict"
         FROM broadcast b
        WHERE ${where} AND b.author_id <> $1
          AND ($2::text IS NULL OR (coalesce(b.approval_path, b.jurisdiction_path) LIKE $2 || '%'
                                    AND coalesce(b.approval_path, b.jurisdiction_path) <> $2))
        ORDER BY coalesce(b.review_due_at, b.created_at), b.created_at LIMIT $3 OFFSET $4`,
      [officer.id, officer.jurisdictionPath, limit, offset],
    );
  }

  /**
   * The broadcasts an officer may see (their jurisdiction's; state-wide ones to state-wide officers only), filtered,
   * newest first, with their deliveries counted by state.
   */
  async listFor(officer: { jurisdictionPath: string | null }, f: BroadcastListFilter): Promise<BroadcastListRow[]> {
    return this.dataSource.query<BroadcastListRow[]>(
      `SELECT b.id, b.category, b.status, b.recipient_count AS recipients, b.created_at AS "createdAt",
              b.scheduled_at AS "scheduledAt", b.jurisdiction_path AS path, b.author_id AS "authorId", b.body,
              b.needs_approval AS "needsApproval",
              coalesce(b.delivery_summary->'byStatus', (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY status) s), '{}') AS "byStatus"
         FROM broadcast b
        WHERE (CASE WHEN $1::text IS NULL THEN true
                    ELSE b.jurisdiction_path IS NOT NULL AND b.jurisdiction_path LIKE $1 || '%' END)
          AND (cardinality($2::text[]) = 0 OR b.status = ANY($2::text[]))
          AND ($3::text IS NULL OR b.category = $3)
          AND ($4::timestamptz IS NULL OR b.created_at >= $4)
          AND ($5::timestamptz IS NULL OR b.created_at < $5)
          AND ($6::uuid IS NULL OR b.author_id = $6)
        ORDER BY b.created_at DESC, b.id LIMIT $7 OFFSET $8`,
      [officer.jurisdictionPath, f.statuses, f.category, f.from, f.to, f.authorId, f.limit, f.offset],
    );
  }

  async markRejected(m: EntityManager, id: string, note: string | null): Promise<void> {
    await m.query(
      `UPDATE broadcast SET status = 'rejected', approval_note = $2, status_changed_at = now() WHERE id = $1`,
      [id, note],
    );
  }

  async setStatus(m: EntityManager, id: string, status: BroadcastStatus): Promise<void> {
    await m.query(`UPDATE broadcast SET status = $2, status_changed_at = now() WHERE id = $1`, [id, status]);
  }

  /**
   * Moves up to `limit` broadcasts whose time has come from `from` to `to`, most urgent first. SKIP LOCKED: several
   * dispatchers may run this at once, and each broadcast starts exactly once.
   */
  async startDue(
    m: EntityManager,
    from: BroadcastStatus,
    to: BroadcastStatus,
    limit: number,
  ): Promise<{ id: string; buckets: number }[]> {
    return m.query<{ id: string; buckets: number }[]>(
      `WITH due AS (SELECT id FROM broadcast WHERE status = $1 AND scheduled_at <= now()
                     ORDER BY priority, scheduled_at LIMIT $3 FOR UPDATE SKIP LOCKED),
            started AS (UPDATE broadcast b SET status = $2, status_changed_at = now() FROM due
                         WHERE b.id = due.id RETURNING b.id, b.buckets)
       SELECT * FROM started`,
      [from, to, limit],
    );
  }

  /** Completes a sending broadcast once no delivery is pending or sending; true when this call completed it. */
  async completeIfDone(m: EntityManager, id: string): Promise<boolean> {
    const done = await m.query<{ id: string }[]>(
      `WITH done AS (
         UPDATE broadcast SET status = 'completed', status_changed_at = now()
          WHERE id = $1 AND status = 'sending'
            AND NOT EXISTS (SELECT 1 FROM delivery WHERE broadcast_id = $1 AND status IN ('pending', 'sending'))
            AND NOT EXISTS (SELECT 1 FROM broadcast_slice WHERE broadcast_id = $1 AND materialised_at IS NULL)
         RETURNING id)
       SELECT * FROM done`,
      [id],
    );
    return done.length > 0;
  }

  async findToSend(id: string): Promise<BroadcastToSend | undefined> {
    const [b] = await this.dataSource.query<BroadcastToSend[]>(
      `SELECT category, body, forms, jurisdiction_path AS path, priority, verification_code AS "verificationCode"
         FROM broadcast WHERE id = $1`,
      [id],
    );
    return b;
  }

  /** The broadcast's status, and whether a more urgent one (lower priority) is sending meanwhile. */
  async statusAndUrgency(id: string, priority: number): Promise<{ status: BroadcastStatus; urgent: boolean }> {
    const [row] = await this.dataSource.query<{ status: BroadcastStatus; urgent: boolean }[]>(
      `SELECT status, EXISTS (SELECT 1 FROM broadcast WHERE status = 'sending' AND priority < $2) AS urgent
         FROM broadcast WHERE id = $1`,
      [id, priority],
    );
    return row;
  }

  async findSummary(id: string): Promise<BroadcastSummaryRow | undefined> {
    const [b] = await this.dataSource.query<BroadcastSummaryRow[]>(
      `SELECT b.id, b.category, b.status, b.recipient_count AS recipients, b.created_at AS "createdAt", b.jurisdiction_path AS path,
              b.verification_code AS "verificationCode", b.audience_estimate AS "audienceEstimate",
              EXISTS (SELECT 1 FROM broadcast_slice s WHERE s.broadcast_id = b.id AND s.materialised_at IS NULL)
                AS "audienceResolving",
              coalesce(b.delivery_summary->'byStatus', (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY status) s), '{}') AS "byStatus",
              coalesce(b.delivery_summary->'byChannel', (SELECT jsonb_object_agg(channel, n) FROM (SELECT channel, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY channel) s), '{}') AS "byChannel",
              coalesce(b.delivery_summary->'byReason', (SELECT jsonb_object_agg(failure, n) FROM (SELECT failure, count(*)::int n FROM delivery WHERE broadcast_id = b.id AND status IN ('failed', 'capped', 'cancelled') AND failure IS NOT NULL GROUP BY failure) s), '{}') AS "byReason",
              CASE WHEN b.review_due_at IS NULL AND b.review_verdict IS NULL THEN NULL ELSE jsonb_build_object(
                'dueAt', b.review_due_at, 'path', b.review_path, 'escalations', b.review_escalations,
                'verdict', b.review_verdict, 'reviewedBy', b.reviewed_by, 'reviewedAt', b.reviewed_at,
                'note', b.review_note) END AS review
         FROM broadcast b WHERE b.id = $1`,
      [id],
    );
    return b;
  }

  /** Broadcasts of a jurisdiction (null: the whole state) created since then, newest first, with their delivery. */
  async createdSince(scopePath: string | null, since: Date, limit = 50): Promise<TodaysBroadcast[]> {
    return this.dataSource.query<TodaysBroadcast[]>(
      `WITH t AS (SELECT b.id, b.category, b.status, left(b.body->>'hi', 120) AS text, b.created_at,
                         b.recipient_count, ${BY_STATUS} AS by_status
                    FROM broadcast b
                   WHERE b.created_at >= $2
                     AND ($1::text IS NULL OR b.jurisdiction_path LIKE $1 || '%')
                   ORDER BY b.created_at DESC LIMIT $3)
       SELECT id, category, status, text, created_at AS "createdAt", recipient_count AS recipients,
              (${countOf('delivered', 'read')})::int AS delivered, (${countOf('sent')})::int AS sent,
              (${countOf('failed', 'capped')})::int AS failed, (${countOf('pending', 'sending')})::int AS waiting
         FROM t ORDER BY created_at DESC`,
      [scopePath, since, limit],
    );
  }

  /**
   * Delivery of the broadcasts sent since then, per node of that level inside the scope (a broadcast counts for the
   * node its audience lies under; one spanning several has no such node and is left out), worst rate first.
   */
  async deliveryByArea(scopePath: string | null, level: 'station' | 'district', since: Date): Promise<AreaDelivery[]> {
    return this.dataSource.query<AreaDelivery[]>(
      `WITH t AS (SELECT b.jurisdiction_path AS path, ${BY_STATUS} AS by_status
                    FROM broadcast b
                   WHERE b.created_at >= $3 AND b.jurisdiction_path IS NOT NULL
                     AND b.status NOT IN ('pending_approval', 'rejected', 'scheduled')
                     AND b.jurisdiction_path LIKE coalesce($1, '') || '%'),
            a AS (SELECT n.code, n.name_en, n.name_hi, n.level, n.path, count(*)::int AS broadcasts,
                         sum(${countOf('pending', 'sending', 'sent', 'delivered', 'read', 'failed', 'capped')})::int
                           AS deliveries,
                         sum(${countOf('delivered', 'read')})::int AS delivered,
                         sum(${countOf('failed', 'capped')})::int AS failed
                    FROM t JOIN jurisdiction_node n ON n.level = $2 AND t.path LIKE n.path || '%'
                   WHERE n.path LIKE coalesce($1, '') || '%'
                   GROUP BY n.id, n.code, n.name_en, n.name_hi, n.level, n.path)
       SELECT code, name_en AS "nameEn", name_hi AS "nameHi", level, broadcasts, deliveries, delivered, failed,
              CASE WHEN deliveries = 0 THEN NULL ELSE round(delivered::numeric / deliveries, 4)::float8 END
                AS "deliveryRate"
         FROM a ORDER BY "deliveryRate" ASC NULLS LAST, code`,
      [scopePath, level, since],
    );
  }

  /**
   * What waits for this officer's decision (as queueFor: strictly above the broadcast's scope, never their own):
   * approvals and emergencies' reviews, how many, and the first ones by deadline.
   */
  async decisionsFor(
    officer: { id: string; jurisdictionPath: string | null },
    limit: number,
  ): Promise<{ count: number; first: PendingDecision[] }> {
    const rows = await this.dataSource.query<(PendingDecision & { total: number })[]>(
      `WITH d AS (
         SELECT b.id, b.category, b.recipient_count AS recipients, b.created_at,
                CASE WHEN b.status = 'pending_approval' THEN 'pending_approval' ELSE 'review' END AS queue,
                CASE WHEN b.status = 'pending_approval' THEN b.scheduled_at ELSE b.review_due_at END AS deadline,
                coalesce(b.approval_path, b.jurisdiction_path) AS decided_at
           FROM broadcast b
          WHERE (b.status = 'pending_approval'
                 OR (b.category = 'emergency' AND b.review_due_at IS NOT NULL AND b.review_verdict IS NULL))
            AND b.author_id <> $1)
       SELECT id, category, queue, recipients, created_at AS "createdAt", deadline, count(*) OVER ()::int AS total
         FROM d
        WHERE $2::text IS NULL OR (decided_at LIKE $2 || '%' AND decided_at <> $2)
        ORDER BY deadline ASC NULLS LAST, created_at LIMIT $3`,
      [officer.id, officer.jurisdictionPath, limit],
    );
    return { count: rows[0]?.total ?? 0, first: rows.map(({ total: _, ...d }) => d) };
  }

  /** A jurisdiction node moved: the paths this context keeps (who may see what) move with it. */
  async moveJurisdictionPaths(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(
      `UPDATE broadcast SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1)
        WHERE jurisdiction_path LIKE $1 || '%'`,
      [oldPath, newPath],
    );
  }
}
