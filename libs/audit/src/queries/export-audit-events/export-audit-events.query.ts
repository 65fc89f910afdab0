import { Query } from '@nestjs/cqrs';
import { AuditEvent } from '../../domain/audit-event';
import { AuditScope } from '../../domain/audit-filter';
import { AuditSearchFilter } from '../search-audit-events/search-audit-events.query';

/**
 * Every matching event in time order, read page by page as the consumer pulls: an export of millions of events
 * never sits in memory, and no transaction stays open between pages (embedded mode has a single connection).
 */
export class ExportAuditEventsQuery extends Query<AsyncIterable<AuditEvent>> {
  constructor(
    readonly filter: AuditSearchFilter,
    readonly scopePath: AuditScope,
  ) {
    super();
  }
}
