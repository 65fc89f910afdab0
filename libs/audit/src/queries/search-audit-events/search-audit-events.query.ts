import { Query } from '@nestjs/cqrs';
import { AuditEvent } from '../../domain/audit-event';
import { AuditFilter, AuditScope } from '../../domain/audit-filter';

/** A filter as auditors give it: a jurisdiction by its code, resolved and checked against their reach. */
export type AuditSearchFilter = Omit<AuditFilter, 'jurisdictionPath'> & { jurisdictionCode?: string };

export interface AuditSearch {
  filter: AuditSearchFilter;
  /** Only events in this jurisdiction subtree (null: state-wide auditor). */
  scopePath: AuditScope;
  /** Where the previous page ended (its nextCursor). */
  cursor?: string;
  limit: number;
}

export interface AuditEventPage {
  events: AuditEvent[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Audit events in time order, filtered and scoped, one keyset page at a time. */
export class SearchAuditEventsQuery extends Query<AuditEventPage> {
  constructor(readonly search: AuditSearch) {
    super();
  }
}
