import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** An urgent case whose alert nobody has acknowledged yet (the pseudonym only, as everywhere officers look). */
export interface OpenAlertRow {
  caseId: string;
  caseNumber: number;
  pseudonym: string;
  jurisdictionPath: string;
  /** 0 the station's contacts were alerted, 1 escalated to its subdivision, 2 to its district. */
  level: number;
  alertedAt: string;
  /** When it escalates next; null once at the top. */
  escalateAt: string | null;
}

export interface AlertContactRow {
  id: string;
  jurisdictionPath: string;
  channel: string;
  addressMask: string;
  label: string;
  createdAt: string;
}

export interface DueAlert {
  caseId: string;
  caseNumber: number;
  pseudonym: string;
  jurisdictionPath: string;
  level: number;
}

const CONTACT = `id, jurisdiction_path AS "jurisdictionPath", channel, address_mask AS "addressMask", label,
  created_at AS "createdAt"`;

/** alert_contact and case_alert: the alerts context's own tables. */
@Injectable()
export class AlertRepository {
  async addContact(
    m: EntityManager,
    c: { path: string; channel: string; sealed: string; mask: string; hash: string; label: string; by: string },
  ): Promise<AlertContactRow | null> {
    const [row] = await m.query<AlertContactRow[]>(
      `INSERT INTO alert_contact (jurisdiction_path, channel, address_ciphertext, address_mask, address_hash, label,
                                  created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ${CONTACT}`,
      [c.path, c.channel, c.sealed, c.mask, c.hash, c.label, c.by],
    );
    return row ?? null;
  }

  async findContact(m: EntityManager, id: string): Promise<AlertContactRow | null> {
    const [row] = await m.query<AlertContactRow[]>(`SELECT ${CONTACT} FROM alert_contact WHERE id = $1`, [id]);
    return row ?? null;
  }

  async removeContact(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM alert_contact WHERE id = $1`, [id]);
  }

  /** Contacts in the officer's area (at or below `path`; null: everywhere). */
  listContacts(m: EntityManager, path: string | null): Promise<AlertContactRow[]> {
    return m.query<AlertContactRow[]>(
      `SELECT ${CONTACT} FROM alert_contact WHERE $1::text IS NULL OR jurisdiction_path LIKE $1 || '%'
       ORDER BY jurisdiction_path, created_at`,
      [path],
    );
  }

  /** Urgent cases alerted and not yet acknowledged in the area, oldest first, with how far each has escalated. */
  listOpen(m: EntityManager, path: string | null): Promise<OpenAlertRow[]> {
    return m.query<OpenAlertRow[]>(
      `SELECT case_id AS "caseId", case_number AS "caseNumber", pseudonym, jurisdiction_path AS "jurisdictionPath",
              level, to_json(alerted_at) #>> '{}' AS "alertedAt", to_json(escalate_at) #>> '{}' AS "escalateAt"
         FROM case_alert
        WHERE acknowledged_at IS NULL AND ($1::text IS NULL OR jurisdiction_path LIKE $1 || '%')
        ORDER BY alerted_at LIMIT 200`,
      [path],
    );
  }

  /** Where the alert goes: the sealed addresses of the contacts at exactly this node. */
  targetsAt(m: EntityManager, path: string): Promise<{ id: string; channel: string; sealed: string }[]> {
    return m.query(
      `SELECT id, channel, address_ciphertext AS sealed FROM alert_contact WHERE jurisdiction_path = $1 ORDER BY id`,
      [path],
    );
  }

  /** False when the case was already alerted (a redelivered event). */
  async insertAlert(
    m: EntityManager,
    a: { caseId: string; caseNumber: number; pseudonym: string; path: string; escalateAfterSeconds: number },
  ): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `INSERT INTO case_alert (case_id, case_number, pseudonym, jurisdiction_path, alerted_at, escalate_at)
       VALUES ($1, $2, $3, $4, now(), now() + make_interval(secs => $5)) ON CONFLICT DO NOTHING RETURNING case_id`,
      [a.caseId, a.caseNumber, a.pseudonym, a.path, a.escalateAfterSeconds],
    );
    return rows.length > 0;
  }

  async acknowledge(m: EntityManager, caseId: string): Promise<void> {
    await m.query(`UPDATE case_alert SET acknowledged_at = now() WHERE case_id = $1 AND acknowledged_at IS NULL`, [
      caseId,
    ]);
  }

  /** Unacknowledged alerts past their time, locked so that each escalates once. */
  lockDue(m: EntityManager, limit: number): Promise<DueAlert[]> {
    return m.query<DueAlert[]>(
      `SELECT case_id AS "caseId", case_number AS "caseNumber", pseudonym, jurisdiction_path AS "jurisdictionPath",
              level
       FROM case_alert WHERE acknowledged_at IS NULL AND escalate_at <= now()
       ORDER BY escalate_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** One level up; the last level escalates no further. */
  async escalated(m: EntityManager, caseId: string, level: number, last: boolean, seconds: number): Promise<void> {
    await m.query(
      `UPDATE case_alert SET level = $2,
              escalate_at = CASE WHEN $3 THEN NULL ELSE now() + make_interval(secs => $4) END
       WHERE case_id = $1`,
      [caseId, level, last, seconds],
    );
  }

  /** The contacts this sender is (one address may serve several nodes), with what replying to them needs. */
  contactsByHash(
    m: EntityManager,
    channel: string,
    hash: string,
  ): Promise<(AlertContactRow & { sealed: string; createdBy: string })[]> {
    return m.query(
      `SELECT ${CONTACT}, address_ciphertext AS sealed, created_by AS "createdBy" FROM alert_contact
       WHERE channel = $1 AND address_hash = $2 ORDER BY id`,
      [channel, hash],
    );
  }

  /**
   * Unacknowledged alerts these contacts were sent: the contact's node is the case's node or an ancestor the alert
   * has escalated to (one level per path segment).
   */
  async openAlertsFor(
    m: EntityManager,
    contactIds: string[],
    lock: boolean,
  ): Promise<(DueAlert & { contactId: string })[]> {
    // One row per case (FOR UPDATE rules out DISTINCT): the first of the sender's contacts that it reached.
    const rows = await m.query<(DueAlert & { contactId: string })[]>(
      `SELECT a.case_id AS "caseId", a.case_number AS "caseNumber", a.pseudonym,
              a.jurisdiction_path AS "jurisdictionPath", a.level, c.id AS "contactId"
       FROM case_alert a JOIN alert_contact c ON a.jurisdiction_path LIKE c.jurisdiction_path || '%'
       WHERE c.id = ANY($1::uuid[]) AND a.acknowledged_at IS NULL
         AND cardinality(string_to_array(trim(both '/' from a.jurisdiction_path), '/'))
           - cardinality(string_to_array(trim(both '/' from c.jurisdiction_path), '/')) <= a.level
       ORDER BY a.alerted_at, c.id${lock ? ' FOR UPDATE OF a' : ''}`,
      [contactIds],
    );
    return rows.filter((r, i) => rows.findIndex((o) => o.caseId === r.caseId) === i);
  }
}
