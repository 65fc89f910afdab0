import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewVerdict } from '../domain/approval-rules';
import { BroadcastBody, BroadcastForms, BroadcastStatus, Category } from '../domain/broadcast';

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
}

export interface NewBroadcast {
  authorId: string;
  category: Category;
  body: BroadcastBody;
  forms: BroadcastForms;
  groupIds: string[];
  jurisdictionPath: string | null;
  priority: number;
  scheduledAt: Date | null;
  authorPath: string | null;
  approvalPath: string | null;
  /** An emergency's review: due when, and where it sits first (null = HQ). */
  review: { dueAt: Date; path: string | null } | null;
}

/** The broadcast's summary for officers, with its delivery counts. */
export interface BroadcastSummaryRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  path: string | null;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
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
  createdAt: string;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  reviewDueAt: string | null;
  reviewPath: string | null;
  reviewEscalations: number;
  reviewVerdict: ReviewVerdict | null;
}

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

/** The `broadcast` table. */
@Injectable()
export class BroadcastRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserted as 'sending' until the audience is known; `recordAudience` sets the real status in the same transaction. */
  async insert(m: EntityManager, b: NewBroadcast): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO broadcast (author_id, category, body, forms, audience, jurisdiction_path, status, priority, scheduled_at,
                              author_path, approval_path, review_due_at, review_path)
       VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        b.authorId,
        b.category,
        JSON.stringify(b.body),
        JSON.stringify(b.forms),
        JSON.stringify({ groupIds: b.groupIds }),
        b.jurisdictionPath,
        b.priority,
        b.scheduledAt,
        b.authorPath,
        b.approvalPath ?? STATE_WIDE,
        b.review?.dueAt ?? null,
        b.review?.path ?? null,
      ],
    );
    return id;
  }

  async recordAudience(
    m: EntityManager,
    id: string,
    a: { recipients: number; buckets: number; needsApproval: boolean; status: BroadcastStatus },
  ): Promise<void> {
    await m.query(
      `UPDATE broadcast SET recipient_count = $2, buckets = $3, needs_approval = $4, status = $5 WHERE id = $1`,
      [id, a.recipients, a.buckets, a.needsApproval, a.status],
    );
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
      `SELECT b.id, b.category, b.status, b.recipient_count AS recipients, b.created_at AS "createdAt",
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
         RETURNING id)
       SELECT * FROM done`,
      [id],
    );
    return done.length > 0;
  }

  async findToSend(id: string): Promise<BroadcastToSend | undefined> {
    const [b] = await this.dataSource.query<BroadcastToSend[]>(
      `SELECT category, body, forms, jurisdiction_path AS path, priority FROM broadcast WHERE id = $1`,
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
              coalesce(b.delivery_summary->'byStatus', (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY status) s), '{}') AS "byStatus",
              coalesce(b.delivery_summary->'byChannel', (SELECT jsonb_object_agg(channel, n) FROM (SELECT channel, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY channel) s), '{}') AS "byChannel",
              CASE WHEN b.review_due_at IS NULL AND b.review_verdict IS NULL THEN NULL ELSE jsonb_build_object(
                'dueAt', b.review_due_at, 'path', b.review_path, 'escalations', b.review_escalations,
                'verdict', b.review_verdict, 'reviewedBy', b.reviewed_by, 'reviewedAt', b.reviewed_at,
                'note', b.review_note) END AS review
         FROM broadcast b WHERE b.id = $1`,
      [id],
    );
    return b;
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
