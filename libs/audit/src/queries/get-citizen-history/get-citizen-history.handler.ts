import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../domain/audit-filter';
import { citizenHistoryEntry } from '../../domain/citizen-history';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { CitizenHistory, GetCitizenHistoryQuery } from './get-citizen-history.query';

@QueryHandler(GetCitizenHistoryQuery)
export class GetCitizenHistoryHandler implements IQueryHandler<GetCitizenHistoryQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
  ) {}

  async execute({ pseudonym, scopePath, limit, cursor }: GetCitizenHistoryQuery): Promise<CitizenHistory> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.events.citizenHistoryPage(this.dataSource, pseudonym, scopePath, after, limit + 1);
    const page = rows.slice(0, limit);
    const tail = page.at(-1);
    return {
      pseudonym,
      entries: page.map((r) => citizenHistoryEntry(r.event, r.outcomes, r.created)),
      nextCursor: rows.length > limit && tail ? encodeCursor({ at: tail.at, id: tail.id }) : null,
    };
  }
}
