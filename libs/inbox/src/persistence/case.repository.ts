import { Injectable } from '@nestjs/common';
import { DataKeys, ShreddedError } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CaseNote } from '../commands/add-case-note/add-case-note.command';
import { InboxCounts } from '../queries/count-cases/count-cases.query';
import type { AreaCases } from '../queries/summarise-cases/summarise-cases.query';
import { ListCasesFilter } from '../queries/list-cases/list-cases.query';
import { CaseRow, CaseStatus, CaseView } from '../domain/case-view';
import { MessageClass } from '../domain/classifier';
import { FiledAs, QueueCorrection } from '../domain/queue-correction';
import { CaseConversation, NewUrgentCase } from '../queries/get-case/get-case.query';

/** The columns of a case as an officer sees it (`c` the case, `n` its inbox node). */
const CASE_COLUMNS = `
  c.id, c.case_number::int AS "caseNumber", c.pseudonym, c.anonymous, c.member, c.channel, c.text, c.label,
  c.classified_by AS "classifiedBy", c.confidence, c.queue, c.filter_reason AS "filterReason", c.urgent, c.status,
  CASE WHEN c.filter_reason IS NULL THEN '{}'::text[] ELSE ARRAY[c.filter_reason || '-sender'] END AS flags,
  c.assigned_officer_id AS "assignedOfficerId", n.code AS "inboxCode", n.name_en AS "inboxNameEn",
  n.name_hi AS "inboxNameHi", (c.contact_point_id IS NOT NULL OR c.sender_sealed IS NOT NULL) AS reachable,
  c.received_at AS "receivedAt", c.updated_at AS "updatedAt", c.closed_at AS "closedAt"`;

/** What an officer reads of a case whose sender erased themselves: the words went with the sender's key. */
export const ERASED_TEXT = '(नागरिक के अनुरोध पर मिटाया गया / erased at the citizen’s request)';

/** A case as it is filed: every column the filing decides. */
export interface NewCase {
  messageId: string;
  nodeId: string;
  jurisdictionPath: string;
  citizenId: string | null;
  contactPointId: string | null;
  senderSealed: string | null;
  /** Anonymous cases: who sent it, sealed to the HQ reveal public key. */
  revealSealed: string | null;
  /** Anonymous cases of a member: what ERASE finds them by. */
  eraseTag: string | null;
  senderKey: string;
  pseudonym: string;
  anonymous: boolean;
  member: boolean;
  channel: string;
  text: string;
  label: MessageClass;
  classifiedBy: 'rule' | 'model';
  confidence: number;
  queue: 'main' | 'filtered';
  filterReason: string | null;
  urgent: boolean;
  receivedAt: string;
}

/** inbox_case and inbox_note: the cases of every inbox, their status, assignment and internal notes. */
@Injectable()
export class CaseRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: DataKeys,
  ) {}

  /**
   * Case texts are stored sealed under the sender's data key (the filing seals them): shown opened, or, once the
   * citizen erased themselves and the key is gone, as erased.
   */
  private async opened(views: CaseView[]): Promise<CaseView[]> {
    return Promise.all(
      views.map(async (v) => ({
        ...v,
        text: await this.keys.open(v.text).catch((e: unknown) => {
          if (e instanceof ShreddedError) return ERASED_TEXT;
          throw e;
        }),
      })),
    );
  }

  async insertCase(m: EntityManager, c: NewCase): Promise<{ id: string; caseNumber: number }> {
    const [row] = await m.query<{ id: string; case_number: string }[]>(
      `INSERT INTO inbox_case (message_id, node_id, jurisdiction_path, citizen_id, contact_point_id, sender_sealed,
                               sender_key, pseudonym, anonymous, member, channel, text, label, classified_by,
                               confidence, queue, filter_reason, urgent, received_at, reveal_sealed, erase_tag)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       RETURNING id, case_number`,
      [
        c.messageId,
        c.nodeId,
        c.jurisdictionPath,
        c.citizenId,
        c.contactPointId,
        c.senderSealed,
        c.senderKey,
        c.pseudonym,
        c.anonymous,
        c.member,
        c.channel,
        c.text,
        c.label,
        c.classifiedBy,
        c.confidence,
        c.queue,
        c.filterReason,
        c.urgent,
        c.receivedAt,
        c.revealSealed,
        c.eraseTag,
      ],
    );
    return { id: row.id, caseNumber: Number(row.case_number) };
  }

  /** Cases filed by any of these sender keys in the last hour, and whether the sender is muted at that inbox. */
  async recentActivity(m: EntityManager, senderKeys: string[], nodeId: string): Promise<{ n: number; muted: boolean }> {
    const [recent] = await m.query<{ n: number; muted: boolean }[]>(
      `SELECT (SELECT count(*)::int FROM inbox_case
                WHERE sender_key = ANY($1) AND created_at > now() - interval '1 hour') AS n,
              EXISTS (SELECT 1 FROM inbox_mute WHERE sender_key = ANY($1) AND node_id = $2) AS muted`,
      [senderKeys, nodeId],
    );
    return recent;
  }

  /**
   * Anonymous messages of one sender at one inbox this hour (counted here, under a key that changes every hour and
   * is unrelated to the named key), and whether the sender's ANON messages are muted there. The counter of earlier
   * hours is dropped as it goes, so no table keeps an hour-to-hour trail.
   */
  async anonymousActivity(
    m: EntityManager,
    rateKey: string,
    hour: string,
    muteKey: string,
    nodeId: string,
  ): Promise<{ n: number; muted: boolean }> {
    await m.query(`DELETE FROM inbox_anon_rate WHERE hour < $1::timestamptz - interval '1 hour'`, [hour]);
    const [counted] = await m.query<{ n: number }[]>(
      `INSERT INTO inbox_anon_rate (rate_key, hour) VALUES ($1, $2) ON CONFLICT (rate_key, hour)
       DO UPDATE SET n = inbox_anon_rate.n + 1 RETURNING n - 1 AS n`,
      [rateKey, hour],
    );
    const [mute] = await m.query<{ muted: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM inbox_mute WHERE sender_key = $1 AND node_id = $2) AS muted`,
      [muteKey, nodeId],
    );
    return { n: counted.n, muted: mute.muted };
  }

  /**
   * Erasure: the citizen's cases keep their text and pseudonym, but nothing leads back to the citizen any more:
   * named cases by citizen id, anonymous ones by their erase tag (and rows of older releases by sender key); an
   * identity opened for a pending view goes too.
   */
  async unlinkSender(m: EntityManager, citizenId: string, senderKeys: string[], eraseTag?: string): Promise<void> {
    const unlinked = await m.query<{ id: string }[]>(
      `WITH u AS (
         UPDATE inbox_case SET citizen_id = NULL, contact_point_id = NULL, sender_sealed = NULL, reveal_sealed = NULL,
                erase_tag = NULL, updated_at = now()
          WHERE citizen_id = $1 OR sender_key = ANY($2) OR ($3::text IS NOT NULL AND erase_tag = $3)
         RETURNING id)
       SELECT id FROM u`,
      [citizenId, senderKeys, eraseTag ?? null],
    );
    await m.query(`UPDATE inbox_reveal_request SET revealed_sealed = NULL WHERE case_id = ANY($1::uuid[])`, [
      unlinked.map((r) => r.id),
    ]);
  }

  /** The stored row behind a case, locked for update when the caller acts on it. */
  async findRow(m: EntityManager, caseId: string, lock = false): Promise<CaseRow | undefined> {
    const [row] = await m.query<CaseRow[]>(
      `SELECT id, case_number, node_id, jurisdiction_path, citizen_id, contact_point_id, sender_sealed, sender_key,
              pseudonym, channel, status, anonymous, reveal_sealed
         FROM inbox_case WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [caseId],
    );
    return row;
  }

  /** A lifecycle move; closing stamps closed_at, the first move on from `new` stamps acknowledged_at. */
  async setStatus(m: EntityManager, caseId: string, status: CaseStatus): Promise<void> {
    await m.query(
      `UPDATE inbox_case SET status = $2, updated_at = now(),
              closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END,
              acknowledged_at = coalesce(acknowledged_at, CASE WHEN $2 <> 'new' THEN now() END)
        WHERE id = $1`,
      [caseId, status],
    );
  }

  /** An officer answered: the case's status after the answer, closed_at untouched; an answer acknowledges. */
  async markReplied(m: EntityManager, caseId: string, status: CaseStatus): Promise<void> {
    await m.query(
      `UPDATE inbox_case SET status = $2, updated_at = now(), acknowledged_at = coalesce(acknowledged_at, now())
        WHERE id = $1`,
      [caseId, status],
    );
  }

  async assign(m: EntityManager, caseId: string, officerId: string): Promise<void> {
    await m.query(`UPDATE inbox_case SET assigned_officer_id = $2, updated_at = now() WHERE id = $1`, [
      caseId,
      officerId,
    ]);
  }

  /** Adds an internal note and touches the case; returns the note with its author's display name. */
  async addNote(m: EntityManager, caseId: string, officerId: string, text: string): Promise<CaseNote> {
    const [note] = await m.query<CaseNote[]>(
      `WITH added AS (INSERT INTO inbox_note (case_id, officer_id, text) VALUES ($1, $2, $3)
                      RETURNING id, officer_id, text, created_at)
       SELECT a.id, a.officer_id AS "officerId", o.display_name AS "officerName", a.text, a.created_at AS "createdAt"
         FROM added a JOIN officer o ON o.id = a.officer_id`,
      [caseId, officerId, text],
    );
    await m.query(`UPDATE inbox_case SET updated_at = now() WHERE id = $1`, [caseId]);
    return note;
  }

  /** How the case was filed: the classifier's verdict and the queue it put the case in. */
  async filedAs(m: EntityManager, caseId: string): Promise<FiledAs | undefined> {
    const [row] = await m.query<FiledAs[]>(
      `SELECT label, queue, classified_by AS "classifiedBy", confidence, filter_reason AS "filterReason", urgent,
              coalesce((SELECT k.corrected_label FROM inbox_correction k WHERE k.case_id = c.id
                         ORDER BY k.created_at DESC LIMIT 1), label) AS "currentLabel"
         FROM inbox_case c WHERE id = $1`,
      [caseId],
    );
    return row;
  }

  /** Into the corrected queue, the label untouched; the correction row keeps both verdicts (training data). */
  async refile(m: EntityManager, caseId: string, officerId: string, c: QueueCorrection): Promise<void> {
    await m.query(`UPDATE inbox_case SET queue = $2, updated_at = now() WHERE id = $1`, [caseId, c.correctedQueue]);
    await m.query(
      `INSERT INTO inbox_correction (case_id, original_label, original_queue, original_classified_by,
                                     original_confidence, original_filter_reason, corrected_queue, corrected_label,
                                     officer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        caseId,
        c.originalLabel,
        c.originalQueue,
        c.originalClassifiedBy,
        c.originalConfidence,
        c.originalFilterReason,
        c.correctedQueue,
        c.correctedLabel,
        officerId,
      ],
    );
  }

  async addReply(m: EntityManager, caseId: string, officerId: string, text: string): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO inbox_reply (case_id, officer_id, text) VALUES ($1, $2, $3) RETURNING id`,
      [caseId, officerId, text],
    );
    return id;
  }

  /** An answer's delivery moves forward only (a late 'sent' after 'delivered' changes nothing); failed ends it. */
  async markReplyDelivery(m: EntityManager, replyId: string, status: string, failure: string | null): Promise<void> {
    await m.query(
      `UPDATE inbox_reply SET delivery_status = $2, delivery_failure = CASE WHEN $2 = 'failed' THEN $3 ELSE NULL END
        WHERE id = $1
          AND CASE $2 WHEN 'sent' THEN delivery_status = 'queued'
                      WHEN 'delivered' THEN delivery_status IN ('queued', 'sent')
                      WHEN 'read' THEN delivery_status IN ('queued', 'sent', 'delivered')
                      WHEN 'failed' THEN delivery_status IN ('queued', 'sent')
                      ELSE false END`,
      [replyId, status, failure],
    );
  }

  /**
   * The conversation around a case: the officers' replies to it, the correction if it was moved, and the other
   * messages the same pseudonym sent to this inbox (anonymous cases stand alone: their pseudonym is per message).
   */
  async conversationOf(caseId: string, m: EntityManager = this.dataSource.manager): Promise<CaseConversation> {
    const replies = await m.query<CaseConversation['replies']>(
      `SELECT r.id, r.officer_id AS "officerId", o.display_name AS "officerName", r.text, r.created_at AS "createdAt",
              r.delivery_status AS delivery, r.delivery_failure AS "deliveryFailure"
         FROM inbox_reply r JOIN officer o ON o.id = r.officer_id WHERE r.case_id = $1 ORDER BY r.created_at, r.id`,
      [caseId],
    );
    const [correction] = await m.query<NonNullable<CaseConversation['correction']>[]>(
      `SELECT k.original_label AS "originalLabel", k.corrected_label AS "correctedLabel",
              k.original_queue AS "originalQueue", k.corrected_queue AS "correctedQueue", o.display_name AS "officerName", k.created_at AS "createdAt"
         FROM inbox_correction k JOIN officer o ON o.id = k.officer_id
        WHERE k.case_id = $1 ORDER BY k.created_at DESC LIMIT 1`,
      [caseId],
    );
    const others = await m.query<CaseConversation['earlier']>(
      `SELECT o.id, o.case_number::int AS "caseNumber", o.text, o.label, o.received_at AS "receivedAt"
         FROM inbox_case c JOIN inbox_case o ON o.node_id = c.node_id AND o.pseudonym = c.pseudonym AND o.id <> c.id
        WHERE c.id = $1 AND NOT c.anonymous
        ORDER BY o.received_at DESC LIMIT 20`,
      [caseId],
    );
    const earlier = await Promise.all(
      others.map(async (o) => ({
        ...o,
        text: await this.keys.open(o.text).catch((e: unknown) => {
          if (e instanceof ShreddedError) return ERASED_TEXT;
          throw e;
        }),
      })),
    );
    return { replies, correction: correction ?? null, earlier };
  }

  /** Emergencies filed since `since` (the live urgent stream), with the path that decides who may see each. */
  async urgentSince(since: Date): Promise<NewUrgentCase[]> {
    return this.dataSource.query<NewUrgentCase[]>(
      `SELECT c.id, c.case_number::int AS "caseNumber", c.pseudonym, c.label, c.jurisdiction_path AS "jurisdictionPath",
              n.code AS "inboxCode", n.name_en AS "inboxNameEn", n.name_hi AS "inboxNameHi",
              c.received_at AS "receivedAt", c.created_at AS "createdAt"
         FROM inbox_case c JOIN jurisdiction_node n ON n.id = c.node_id
        WHERE c.urgent AND c.created_at > $1
        ORDER BY c.created_at, c.case_number LIMIT 500`,
      [since],
    );
  }

  async findView(caseId: string, m: EntityManager = this.dataSource.manager): Promise<CaseView | undefined> {
    const [view] = await m.query<CaseView[]>(
      `SELECT ${CASE_COLUMNS} FROM inbox_case c JOIN jurisdiction_node n ON n.id = c.node_id WHERE c.id = $1`,
      [caseId],
    );
    return view && (await this.opened([view]))[0];
  }

  async notesOf(caseId: string, m: EntityManager = this.dataSource.manager): Promise<CaseNote[]> {
    return m.query<CaseNote[]>(
      `SELECT i.id, i.officer_id AS "officerId", o.display_name AS "officerName", i.text, i.created_at AS "createdAt"
         FROM inbox_note i JOIN officer o ON o.id = i.officer_id WHERE i.case_id = $1 ORDER BY i.created_at, i.id`,
      [caseId],
    );
  }

  /** Cases under a jurisdiction path ('' for all): open emergencies first, then newest first. */
  async listUnder(jurisdictionPath: string, filter: ListCasesFilter): Promise<CaseView[]> {
    const views = await this.dataSource.query<CaseView[]>(
      `SELECT ${CASE_COLUMNS}
         FROM inbox_case c JOIN jurisdiction_node n ON n.id = c.node_id
        WHERE c.jurisdiction_path LIKE $1 || '%'
          AND (CASE WHEN $2 = 'main' THEN c.queue = 'main' OR c.urgent ELSE c.queue = $2 AND NOT c.urgent END)
          AND ($3::text IS NULL OR c.status = $3) AND ($4::text IS NULL OR c.label = $4)
          AND ($5::text IS NULL OR n.code = $5)
        ORDER BY (c.urgent AND c.status <> 'closed') DESC, c.created_at DESC, c.case_number DESC
        LIMIT $6 OFFSET $7`,
      [
        jurisdictionPath,
        filter.queue ?? 'main',
        filter.status ?? null,
        filter.label ?? null,
        filter.inboxCode ?? null,
        filter.limit ?? 50,
        filter.offset ?? 0,
      ],
    );
    return this.opened(views);
  }

  /** One row per inbox under a jurisdiction path ('' for all), with its main queue by status and its labels. */
  async countByInbox(jurisdictionPath: string): Promise<InboxCounts[]> {
    return this.dataSource.query<InboxCounts[]>(
      `WITH scoped AS (SELECT * FROM inbox_case WHERE jurisdiction_path LIKE $1 || '%'),
            labels AS (SELECT node_id, jsonb_object_agg(label, n) AS by_label
                         FROM (SELECT node_id, label, count(*)::int AS n FROM scoped GROUP BY node_id, label) l
                        GROUP BY node_id)
       SELECT n.code AS "inboxCode", n.name_en AS "inboxNameEn", n.name_hi AS "inboxNameHi", n.level,
              count(*) FILTER (WHERE (s.queue = 'main' OR s.urgent) AND s.status = 'new')::int AS new,
              count(*) FILTER (WHERE (s.queue = 'main' OR s.urgent) AND s.status = 'acknowledged')::int AS acknowledged,
              count(*) FILTER (WHERE (s.queue = 'main' OR s.urgent) AND s.status = 'in_progress')::int AS "inProgress",
              count(*) FILTER (WHERE (s.queue = 'main' OR s.urgent) AND s.status = 'closed')::int AS closed,
              -- every open emergency, whatever queue, mute or limit: an urgent case is never hidden
              count(*) FILTER (WHERE s.urgent AND s.status <> 'closed')::int AS "urgentOpen",
              count(*) FILTER (WHERE s.queue = 'filtered' AND NOT s.urgent)::int AS filtered,
              min(l.by_label::text)::jsonb AS "byLabel",
              -- time to acknowledge over the cases of the last 30 days that were acknowledged
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.acknowledged_at - s.received_at))
                      FILTER (WHERE s.acknowledged_at IS NOT NULL AND s.received_at > now() - interval '30 days'))::int
                AS "medianAckSeconds",
              count(*) FILTER (WHERE s.acknowledged_at IS NOT NULL AND s.received_at > now() - interval '30 days')::int
                AS "acknowledgedLast30Days"
         FROM scoped s JOIN jurisdiction_node n ON n.id = s.node_id JOIN labels l ON l.node_id = s.node_id
        GROUP BY n.id, n.code, n.name_en, n.name_hi, n.level
        ORDER BY n.path`,
      [jurisdictionPath],
    );
  }

  /**
   * Per node of that level under a path ('' or null: all): new and open cases, open emergencies and the median time
   * to acknowledge (last 30 days), slowest first. Only nodes whose inboxes hold cases appear.
   */
  async responseByArea(scopePath: string | null, level: 'station' | 'district'): Promise<AreaCases[]> {
    return this.dataSource.query<AreaCases[]>(
      `SELECT a.code, a.name_en AS "nameEn", a.name_hi AS "nameHi", a.level,
              count(*) FILTER (WHERE (c.queue = 'main' OR c.urgent) AND c.status = 'new')::int AS new,
              count(*) FILTER (WHERE c.urgent AND c.status <> 'closed')::int AS "urgentOpen",
              count(*) FILTER (WHERE (c.queue = 'main' OR c.urgent) AND c.status <> 'closed')::int AS open,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.acknowledged_at - c.received_at))
                      FILTER (WHERE c.acknowledged_at IS NOT NULL AND c.received_at > now() - interval '30 days'))::int
                AS "medianAckSeconds",
              count(*) FILTER (WHERE c.acknowledged_at IS NOT NULL AND c.received_at > now() - interval '30 days')::int
                AS "acknowledgedLast30Days"
         FROM jurisdiction_node a JOIN inbox_case c ON c.jurisdiction_path LIKE a.path || '%'
        WHERE a.level = $2 AND a.path LIKE coalesce($1, '') || '%'
        GROUP BY a.id, a.code, a.name_en, a.name_hi, a.level
        ORDER BY "medianAckSeconds" DESC NULLS FIRST, a.code`,
      [scopePath, level],
    );
  }

  /** A jurisdiction node moved: the paths this context keeps (who may see what) move with it. */
  async moveJurisdictionPaths(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(
      `UPDATE inbox_case SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1)
        WHERE jurisdiction_path LIKE $1 || '%'`,
      [oldPath, newPath],
    );
  }
}
