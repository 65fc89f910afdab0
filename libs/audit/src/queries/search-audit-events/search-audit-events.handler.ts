import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { auditPage, decodeCursor, encodeCursor, resolveJurisdiction } from '../../domain/audit-store';
import { AuditEventPage, SearchAuditEventsQuery } from './search-audit-events.query';

@QueryHandler(SearchAuditEventsQuery)
export class SearchAuditEventsHandler implements IQueryHandler<SearchAuditEventsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ search: s }: SearchAuditEventsQuery): Promise<AuditEventPage> {
    const { jurisdictionCode, ...filter } = s.filter;
    const jurisdictionPath = await resolveJurisdiction(this.dataSource, jurisdictionCode, s.scopePath);
    const after = s.cursor ? decodeCursor(s.cursor) : null;
    const page = await auditPage(this.dataSource, { ...filter, jurisdictionPath }, s.scopePath, after, s.limit);
    return { events: page.events, nextCursor: page.more && page.last ? encodeCursor(page.last) : null };
  }
}
