import { OfficerPrincipal, assertInReach } from '@jansetu/identity';
import { NotFoundError } from '@jansetu/platform';
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
  /**
   * 'muted-sender' or 'rate-limited-sender' when a mute or the hourly limit applied; on an emergency it says so
   * while the case stays in the main queue and the urgent count.
   */
  flags: string[];
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
  anonymous: boolean;
  reveal_sealed: string | null;
}

/** The case if the officer's jurisdiction covers it; a missing case and another jurisdiction's are both a 404. */
export function caseVisibleTo(officer: OfficerPrincipal, row: CaseRow | undefined): CaseRow {
  if (!row) throw new NotFoundError('case / केस');
  assertInReach(officer, row.jurisdiction_path, 'case / केस');
  return row;
}
