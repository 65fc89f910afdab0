import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BroadcastBody, BroadcastForms, BroadcastStatus, Category } from '../domain/broadcast';

/** A broadcast as its lifecycle handlers need it, locked for the caller's transaction. */
export interface LockedBroadcast {
  authorId: string;
  status: BroadcastStatus;
  needsApproval: boolean;
  approvedAt: Date | null;
  jurisdictionPath: string | null;
  scheduledAt: Date | null;
  buckets: number;
}

/** What a dispatcher needs of a broadcast to send it. */
export interface BroadcastToSend {
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
}

/** The `broadcast` table. */
@Injectable()
export class BroadcastRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserted as 'sending' until the audience is known; `recordAudience` sets the real status in the same transaction. */
  async insert(m: EntityManager, b: NewBroadcast): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO broadcast (author_id, category, body, forms, audience, jurisdiction_path, status, priority, scheduled_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7, $8) RETURNING id`,
      [
        b.authorId,
        b.category,
        JSON.stringify(b.body),
        JSON.stringify(b.forms),
        JSON.stringify({ groupIds: b.groupIds }),
        b.jurisdictionPath,
        b.priority,
        b.scheduledAt,
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
              jurisdiction_path AS "jurisdictionPath", scheduled_at AS "scheduledAt", buckets
         FROM broadcast WHERE id = $1 FOR UPDATE`,
      [id],
    );
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
      `SELECT body, forms, jurisdiction_path AS path, priority FROM broadcast WHERE id = $1`,
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
              coalesce(b.delivery_summary->'byChannel', (SELECT jsonb_object_agg(channel, n) FROM (SELECT channel, count(*)::int n FROM delivery WHERE broadcast_id = b.id GROUP BY channel) s), '{}') AS "byChannel"
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
