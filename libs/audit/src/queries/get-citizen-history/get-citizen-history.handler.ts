import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../../domain/audit-event';
import { decodeCursor, encodeCursor, likePrefix } from '../../domain/audit-store';
import { CitizenHistory, CitizenHistoryEntry, GetCitizenHistoryQuery } from './get-citizen-history.query';

interface Row {
  event: AuditEvent;
  at: string;
  id: string;
  outcomes: Record<string, unknown>[];
  created: { content: unknown; category: string | null } | null;
}

@QueryHandler(GetCitizenHistoryQuery)
export class GetCitizenHistoryHandler implements IQueryHandler<GetCitizenHistoryQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ pseudonym, scopePath, limit, cursor }: GetCitizenHistoryQuery): Promise<CitizenHistory> {
    const params: unknown[] = [pseudonym];
    // The citizen's own chain, and every event naming them (a broadcast batch lists its recipients).
    const where = [`(e.pseudonyms @> ARRAY[$1::text] OR e.chain_id = 'citizen:' || $1)`];
    if (scopePath) where.push(`e.jurisdiction_path LIKE $${params.push(likePrefix(scopePath))}`);
    if (cursor) {
      const after = decodeCursor(cursor);
      params.push(after.at, after.id);
      where.push(`(e.occurred_at, e.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT e.event, to_json(e.occurred_at) #>> '{}' AS at, e.id,
              coalesce((SELECT jsonb_agg(o) FROM jsonb_path_query(e.event, '$.body.outcomes[*] ? (@.pseudonym == $p)',
                                                                  jsonb_build_object('p', $1::text)) AS o), '[]') AS outcomes,
              (SELECT jsonb_build_object('content', c.event #> '{body,content}', 'category', c.category)
                 FROM audit_event c
                WHERE e.type = 'broadcast.messages_sent' AND c.chain_id = e.chain_id AND c.type = 'broadcast.created'
                LIMIT 1) AS created
         FROM audit_event e
        WHERE ${where.join(' AND ')}
        ORDER BY e.occurred_at, e.id
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const tail = page.at(-1);
    return {
      pseudonym,
      entries: page.map(toEntry),
      nextCursor: rows.length > limit && tail ? encodeCursor({ at: tail.at, id: tail.id }) : null,
    };
  }
}

function toEntry({ event: e, outcomes, created }: Row): CitizenHistoryEntry {
  const last = outcomes.at(-1);
  return {
    eventId: e.id,
    chainId: e.chainId,
    chainSeq: e.chainSeq,
    type: e.type,
    occurredAt: e.occurredAt,
    actor: e.actor,
    jurisdictionPath: e.jurisdictionPath,
    subject: e.subject,
    category: str(e.body.category) ?? created?.category ?? null,
    content: e.body.content ?? created?.content ?? null,
    contentSha256: str(e.body.contentSha256),
    channel: str(e.body.channel) ?? str(last?.channel),
    status: str(e.body.status) ?? str(last?.status),
    outcomes,
    hash: e.hash,
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
