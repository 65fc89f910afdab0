import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { CaseNote } from '../../commands/add-case-note/add-case-note.command';
import { CaseView } from '../../domain/case-view';
import type { CaseAttachment } from '../../persistence/attachment.repository';

export interface CaseReply {
  id: string;
  officerId: string;
  officerName: string;
  text: string;
  createdAt: string;
  /** queued → sent → delivered → read, or failed: from the provider's receipts. */
  delivery: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  /** Why it failed (the kind: permanent, unavailable, …), else null. */
  deliveryFailure: string | null;
}

export interface CaseConversation {
  /** What officers answered on this case, oldest first. */
  replies: CaseReply[];
  /** Set when an officer moved the case out of the filtered queue. */
  correction: {
    originalLabel: string;
    correctedLabel: string | null;
    originalQueue: 'main' | 'filtered';
    correctedQueue: 'main' | 'filtered';
    officerName: string;
    createdAt: string;
  } | null;
  /** Other messages of the same pseudonym at this inbox, newest first (none for anonymous cases). */
  earlier: { id: string; caseNumber: number; text: string; label: string; receivedAt: string }[];
}

export interface CaseDetail extends CaseView, CaseConversation {
  notes: CaseNote[];
  /** Photos, voice notes, videos, documents the citizen sent (bytes: ViewCaseAttachmentCommand). */
  attachments: CaseAttachment[];
  /** A location the citizen shared, or null. */
  location: { latitude: number; longitude: number } | null;
}

/** A new emergency, as the live stream tells officers whose jurisdiction covers it (never a text or address). */
export interface NewUrgentCase {
  id: string;
  caseNumber: number;
  pseudonym: string;
  label: string;
  jurisdictionPath: string;
  inboxCode: string;
  inboxNameEn: string;
  inboxNameHi: string;
  receivedAt: string;
  createdAt: string;
}

export class GetCaseQuery extends Query<CaseDetail> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
  ) {
    super();
  }
}
