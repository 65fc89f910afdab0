import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../../domain/audit-event';
import { AuditCursor, AuditFilter, AuditScope } from '../../domain/audit-filter';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { AuditJurisdictions } from '../audit-jurisdictions';
import { ExportAuditEventsQuery } from './export-audit-events.query';

const PAGE = 500;

@QueryHandler(ExportAuditEventsQuery)
export class ExportAuditEventsHandler implements IQueryHandler<ExportAuditEventsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
    private readonly jurisdictions: AuditJurisdictions = new AuditJurisdictions(),
  ) {}

  /** Checks the filter before the first byte goes out, so a bad request still gets a 4xx. */
  async execute({ filter, scopePath }: ExportAuditEventsQuery): Promise<AsyncIterable<AuditEvent>> {
    const { jurisdictionCode, ...rest } = filter;
    const jurisdictionPath = await this.jurisdictions.resolve(this.dataSource, jurisdictionCode, scopePath);
    return this.pages({ ...rest, jurisdictionPath }, scopePath);
  }

  private async *pages(filter: AuditFilter, scope: AuditScope): AsyncGenerator<AuditEvent> {
    let after: AuditCursor | null = null;
    for (;;) {
      const page = await this.events.page(this.dataSource, filter, scope, after, PAGE);
      yield* page.events;
      if (!page.more) return;
      after = page.last;
    }
  }
}
