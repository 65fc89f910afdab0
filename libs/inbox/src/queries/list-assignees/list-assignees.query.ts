import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface CaseAssignee {
  id: string;
  username: string;
  displayName: string;
  role: string;
  /** Code of the node the officer is posted at (null: state-wide). */
  jurisdictionCode: string | null;
}

/**
 * Who a case may be given to, as the caller picks: active operational officers whose posting covers the case and
 * lies within the caller's own jurisdiction (a station officer sees the station's officers). 404 out of reach.
 */
export class ListAssigneesQuery extends Query<CaseAssignee[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
  ) {
    super();
  }
}
