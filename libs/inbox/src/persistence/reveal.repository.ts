import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jansetu/identity';
import { RevealReport } from '../queries/list-reveals/list-reveals.query';

export type RevealStatus = 'requested' | 'approved' | 'refused' | 'expired';

export interface RevealRequestRow {
  id: string;
  case_id: string;
  requested_by: string;
  reason: string;
  reference: string;
  status: RevealStatus;
  decided_by: string | null;
  expires_at: Date;
  view_until: Date | null;
  revealed_sealed: string | null;
  /** now() is past expires_at (an unanswered request has run out). */
  overdue: boolean;
}

const ROW = `id, case_id, requested_by, reason, reference, status, decided_by, expires_at, view_until, revealed_sealed,
             expires_at <= now() AS overdue`;

/** inbox_reveal_request and inbox_reveal_view: the two-person reveals, their decisions and every view. */
@Injectable()
export class RevealRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises one officer's requests, so the daily limit holds under concurrent calls. */
  async lockRequester(m: EntityManager, officerId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('inbox-reveal:' || $1, 0))`, [officerId]);
  }

  async countSince(m: EntityManager, officerId: string, hours: number): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbox_reveal_request
        WHERE requested_by = $1 AND requested_at > now() - make_interval(hours => $2)`,
      [officerId, hours],
    );
    return n;
  }

  /** A request of this officer for this case still waiting, or approved and still viewable. */
  async openFor(m: EntityManager, caseId: string, officerId: string): Promise<RevealRequestRow | undefined> {
    const [row] = await m.query<RevealRequestRow[]>(
      `SELECT ${ROW} FROM inbox_reveal_request
        WHERE case_id = $1 AND requested_by = $2
          AND ((status = 'requested' AND expires_at > now()) OR (status = 'approved' AND view_until > now()))
        ORDER BY requested_at DESC LIMIT 1`,
      [caseId, officerId],
    );
    return row;
  }

  async insert(
    m: EntityManager,
    r: { caseId: string; requestedBy: string; reason: string; reference: string; approvalHours: number },
  ): Promise<{ id: string; expiresAt: string }> {
    const [row] = await m.query<{ id: string; expiresAt: Date }[]>(
      `INSERT INTO inbox_reveal_request (case_id, requested_by, reason, reference, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING id, expires_at AS "expiresAt"`,
      [r.caseId, r.requestedBy, r.reason, r.reference, r.approvalHours],
    );
    return { id: row.id, expiresAt: new Date(row.expiresAt).toISOString() };
  }

  async lock(m: EntityManager, requestId: string): Promise<RevealRequestRow | undefined> {
    const [row] = await m.query<RevealRequestRow[]>(
      `SELECT ${ROW} FROM inbox_reveal_request WHERE id = $1 FOR UPDATE`,
      [requestId],
    );
    return row;
  }

  async approve(
    m: EntityManager,
    requestId: string,
    by: string,
    note: string | null,
    viewHours: number,
    revealedSealed: string | null,
  ): Promise<string> {
    const [row] = await m.query<{ viewUntil: Date }[]>(
      `WITH u AS (
         UPDATE inbox_reveal_request SET status = 'approved', decided_by = $2, decision_note = $3, decided_at = now(),
                view_until = now() + make_interval(hours => $4), revealed_sealed = $5
          WHERE id = $1 RETURNING view_until)
       SELECT view_until AS "viewUntil" FROM u`,
      [requestId, by, note, viewHours, revealedSealed],
    );
    return new Date(row.viewUntil).toISOString();
  }

  async refuse(m: EntityManager, requestId: string, by: string, note: string | null): Promise<void> {
    await m.query(
      `UPDATE inbox_reveal_request SET status = 'refused', decided_by = $2, decision_note = $3, decided_at = now()
        WHERE id = $1`,
      [requestId, by, note],
    );
  }

  /**
   * Requests nobody answered in time become 'expired' (returned, to be audited); identities opened for a view
   * window that has ended are destroyed.
   */
  async expireOverdue(
    m: EntityManager,
  ): Promise<{ id: string; caseId: string; requestedBy: string; jurisdictionPath: string; caseNumber: number }[]> {
    await m.query(
      `UPDATE inbox_reveal_request SET revealed_sealed = NULL WHERE revealed_sealed IS NOT NULL AND view_until <= now()`,
    );
    return m.query(
      `WITH u AS (
         UPDATE inbox_reveal_request r SET status = 'expired', decided_at = now()
           FROM inbox_case c
          WHERE c.id = r.case_id AND r.status = 'requested' AND r.expires_at <= now()
         RETURNING r.id, r.case_id, r.requested_by, c.jurisdiction_path, c.case_number)
       SELECT id, case_id AS "caseId", requested_by AS "requestedBy", jurisdiction_path AS "jurisdictionPath",
              case_number::int AS "caseNumber"
         FROM u ORDER BY id`,
    );
  }

  /** The approved request through which this officer may view this case's sender now. */
  async viewable(m: EntityManager, caseId: string, officerId: string): Promise<RevealRequestRow | undefined> {
    const [row] = await m.query<RevealRequestRow[]>(
      `SELECT ${ROW} FROM inbox_reveal_request
        WHERE case_id = $1 AND requested_by = $2 AND status = 'approved' AND view_until > now()
        ORDER BY decided_at DESC LIMIT 1`,
      [caseId, officerId],
    );
    return row;
  }

  async recordView(m: EntityManager, requestId: string, officerId: string): Promise<void> {
    await m.query(`INSERT INTO inbox_reveal_view (request_id, officer_id) VALUES ($1, $2)`, [requestId, officerId]);
  }

  /**
   * Requests on cases under a jurisdiction path that are still waiting, or were made by this officer (any status),
   * optionally of one case, with the requester's posting (who may decide depends on it).
   */
  async pendingOrOwn(
    jurisdictionPath: string,
    officerId: string,
    caseId: string | null,
  ): Promise<(RevealReport & { requestedBy: { role: Role }; requesterPath: string | null })[]> {
    return this.dataSource.query(
      `SELECT r.id, r.case_id AS "caseId", c.case_number::int AS "caseNumber", n.code AS "inboxCode",
              c.anonymous, r.status, r.reason, r.reference,
              jsonb_build_object('officerId', ro.id, 'username', ro.username, 'role', ro.role) AS "requestedBy",
              rn.path AS "requesterPath",
              r.requested_at AS "requestedAt", r.expires_at AS "expiresAt",
              CASE WHEN r.decided_by IS NULL THEN NULL
                   ELSE jsonb_build_object('officerId', d.id, 'username', d.username, 'role', d.role) END AS "decidedBy",
              r.decided_at AS "decidedAt", r.decision_note AS "decisionNote", r.view_until AS "viewUntil",
              coalesce((SELECT jsonb_agg(jsonb_build_object('officerId', v.officer_id, 'viewedAt', v.viewed_at)
                                         ORDER BY v.viewed_at)
                          FROM inbox_reveal_view v WHERE v.request_id = r.id), '[]'::jsonb) AS views
         FROM inbox_reveal_request r
         JOIN inbox_case c ON c.id = r.case_id
         JOIN jurisdiction_node n ON n.id = c.node_id
         JOIN officer ro ON ro.id = r.requested_by
         LEFT JOIN jurisdiction_node rn ON rn.id = ro.jurisdiction_node_id
         LEFT JOIN officer d ON d.id = r.decided_by
        WHERE c.jurisdiction_path LIKE $1 || '%'
          AND ((r.status = 'requested' AND r.expires_at > now()) OR r.requested_by = $2)
          AND ($3::uuid IS NULL OR r.case_id = $3)
        ORDER BY r.requested_at DESC, r.id
        LIMIT 200`,
      [jurisdictionPath, officerId, caseId],
    );
  }

  /** Every request on cases under a jurisdiction path ('' for all), newest first, with its decision and views. */
  async report(jurisdictionPath: string, limit: number, offset: number): Promise<RevealReport[]> {
    return this.dataSource.query<RevealReport[]>(
      `SELECT r.id, r.case_id AS "caseId", c.case_number::int AS "caseNumber", n.code AS "inboxCode",
              c.anonymous, r.status, r.reason, r.reference,
              jsonb_build_object('officerId', ro.id, 'username', ro.username, 'role', ro.role) AS "requestedBy",
              r.requested_at AS "requestedAt", r.expires_at AS "expiresAt",
              CASE WHEN r.decided_by IS NULL THEN NULL
                   ELSE jsonb_build_object('officerId', d.id, 'username', d.username, 'role', d.role) END AS "decidedBy",
              r.decided_at AS "decidedAt", r.decision_note AS "decisionNote", r.view_until AS "viewUntil",
              coalesce((SELECT jsonb_agg(jsonb_build_object('officerId', v.officer_id, 'viewedAt', v.viewed_at)
                                         ORDER BY v.viewed_at)
                          FROM inbox_reveal_view v WHERE v.request_id = r.id), '[]'::jsonb) AS views
         FROM inbox_reveal_request r
         JOIN inbox_case c ON c.id = r.case_id
         JOIN jurisdiction_node n ON n.id = c.node_id
         JOIN officer ro ON ro.id = r.requested_by
         LEFT JOIN officer d ON d.id = r.decided_by
        WHERE c.jurisdiction_path LIKE $1 || '%'
        ORDER BY r.requested_at DESC, r.id
        LIMIT $2 OFFSET $3`,
      [jurisdictionPath, limit, offset],
    );
  }
}
