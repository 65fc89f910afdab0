import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../domain/audit-filter';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { AuditJurisdictions } from '../audit-jurisdictions';
import { AuditEventPage, SearchAuditEventsQuery } from './search-audit-events.query';

@QueryHandler(SearchAuditEventsQuery)
export class SearchAuditEventsHandler implements IQueryHandler<SearchAuditEventsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
    private readonly jurisdictions: AuditJurisdictions = new AuditJurisdictions(),
  ) {}

  async execute({ search: s }: SearchAuditEventsQuery): Promise<AuditEventPage> {
    const { jurisdictionCode, ...filter } = s.filter;
    const jurisdictionPath = await this.jurisdictions.resolve(this.dataSource, jurisdictionCode, s.scopePath);
    const after = s.cursor ? decodeCursor(s.cursor) : null;
    const page = await this.events.page(this.dataSource, { ...filter, jurisdictionPath }, s.scopePath, after, s.limit);
    return { events: page.events, nextCursor: page.more && page.last ? encodeCursor(page.last) : null };
  }
}
