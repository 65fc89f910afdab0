import { OfficerPrincipal, assertCovers } from '@jansetu/identity';
import { NotFoundError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { MessageClass } from './classifier';

export type CaseStatus = 'new' | 'acknowledged' | 'in_progress' | 'closed';

/** A case as an officer sees it: a case number and a pseudonym, never an address or a citizen id. */
export interface CaseView {
  id: string;
  caseNumber: number;
  pseudonym: string;
  anonymous: boolean;
  /** False for someone in no group: the case went to a district or the state inbox. */
  member: boolean;
  /** The channel the citizen wrote on, where replies go. */
  channel: string;
  text: string;
  label: MessageClass;
  classifiedBy: 'rule' | 'model';
  confidence: number;
  queue: 'main' | 'filtered';
  /** 'muted' or 'rate-limited' when the sender, not the content, put it in the filtered queue. */
  filterReason: string | null;
  urgent: boolean;
  status: CaseStatus;
  assignedOfficerId: string | null;
  inboxCode: string;
  inboxNameEn: string;
  inboxNameHi: string;
  /** False once the citizen erased their data: nobody can answer or reveal them any more. */
  reachable: boolean;
  receivedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export const CASE_COLUMNS = `
  c.id, c.case_number::int AS "caseNumber", c.pseudonym, c.anonymous, c.member, c.channel, c.text, c.label,
  c.classified_by AS "classifiedBy", c.confidence, c.queue, c.filter_reason AS "filterReason", c.urgent, c.status,
  c.assigned_officer_id AS "assignedOfficerId", n.code AS "inboxCode", n.name_en AS "inboxNameEn",
  n.name_hi AS "inboxNameHi", (c.contact_point_id IS NOT NULL OR c.sender_sealed IS NOT NULL) AS reachable,
  c.received_at AS "receivedAt", c.updated_at AS "updatedAt", c.closed_at AS "closedAt"`;

/** The stored row behind a case, for handlers that act on it (never returned to an officer as is). */
export interface CaseRow {
  id: string;
  case_number: string;
  node_id: string;
  jurisdiction_path: string;
  citizen_id: string | null;
  contact_point_id: string | null;
  sender_sealed: string | null;
  sender_key: string;
  pseudonym: string;
  channel: string;
  status: CaseStatus;
}

/** Loads a case of the officer's jurisdiction (locked for update when acting on it), or refuses. */
export async function caseForOfficer(
  m: EntityManager,
  officer: OfficerPrincipal,
  caseId: string,
  lock = false,
): Promise<CaseRow> {
  const [row] = await m.query<CaseRow[]>(
    `SELECT id, case_number, node_id, jurisdiction_path, citizen_id, contact_point_id, sender_sealed, sender_key,
            pseudonym, channel, status
       FROM inbox_case WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [caseId],
  );
  if (!row) throw new NotFoundError('case / केस');
  assertCovers(officer, row.jurisdiction_path, 'case / केस');
  return row;
}
