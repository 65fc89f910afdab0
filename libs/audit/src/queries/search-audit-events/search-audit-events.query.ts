import { Query } from '@nestjs/cqrs';
import { AuditEvent } from '../../domain/audit-event';

export interface AuditSearch {
  from?: Date;
  to?: Date;
  type?: string;
  subjectId?: string;
  limit: number;
  /** Only events in this jurisdiction subtree (null: state-wide auditor). */
  scopePath: string | null;
}

export class SearchAuditEventsQuery extends Query<AuditEvent[]> {
  constructor(readonly search: AuditSearch) {
    super();
  }
}
