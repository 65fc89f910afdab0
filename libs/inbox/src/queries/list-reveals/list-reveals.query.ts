import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface RevealOfficer {
  officerId: string;
  username: string;
  role: string;
}

/** One reveal request as auditors see it: who asked, why, who decided, when, and every view. Never an address. */
export interface RevealReport {
  id: string;
  caseId: string;
  caseNumber: number;
  inboxCode: string;
  anonymous: boolean;
  status: 'requested' | 'approved' | 'refused' | 'expired';
  reason: string;
  reference: string;
  requestedBy: RevealOfficer;
  requestedAt: string;
  expiresAt: string;
  decidedBy: RevealOfficer | null;
  decidedAt: string | null;
  decisionNote: string | null;
  viewUntil: string | null;
  views: { officerId: string; viewedAt: string }[];
}

/** The reveal report of the officer's jurisdiction (auditors, HQ): requests, approvals, refusals, expiries, views. */
export class ListRevealsQuery extends Query<RevealReport[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly limit = 100,
    readonly offset = 0,
  ) {
    super();
  }
}
