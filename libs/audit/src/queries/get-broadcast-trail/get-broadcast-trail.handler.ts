import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../../domain/audit-event';
import { auditConditions } from '../../domain/audit-store';
import { BroadcastTrail, GetBroadcastTrailQuery, TrailStep } from './get-broadcast-trail.query';

const BATCH_TYPE = 'broadcast.messages_sent';
const DECISIONS = new Set(['broadcast.approved', 'broadcast.rejected']);

@QueryHandler(GetBroadcastTrailQuery)
export class GetBroadcastTrailHandler implements IQueryHandler<GetBroadcastTrailQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ broadcastId, scopePath }: GetBroadcastTrailQuery): Promise<BroadcastTrail> {
    const chainId = `broadcast:${broadcastId}`;
    const params: unknown[] = [];
    const where = auditConditions({ chainId }, scopePath, params).join(' AND ');
    const acts = await this.dataSource.query<{ event: AuditEvent }[]>(
      `SELECT event FROM audit_event WHERE ${where} AND type <> '${BATCH_TYPE}' ORDER BY chain_seq`,
      params,
    );
    const [batches] = await this.dataSource.query<{ n: number; first: string | null; last: string | null }[]>(
      `SELECT count(*)::int AS n, to_json(min(occurred_at)) #>> '{}' AS first, to_json(max(occurred_at)) #>> '{}' AS last
         FROM audit_event WHERE ${where} AND type = '${BATCH_TYPE}'`,
      params,
    );
    if (!acts.length && !batches.n) throw new NotFoundError(`audit trail of broadcast ${broadcastId}`);
    // A recipient may appear in several events (a retry, a later receipt): the latest one says where they stand.
    const counts = await this.dataSource.query<{ status: string; channel: string; n: number }[]>(
      `SELECT o->>'status' AS status, coalesce(o->>'channel', 'unknown') AS channel, count(*)::int AS n
         FROM (SELECT DISTINCT ON (o->>'deliveryId') o
                 FROM audit_event e, jsonb_path_query(e.event, '$.body.outcomes[*] ? (exists (@.deliveryId))') AS o
                WHERE ${where}
                ORDER BY o->>'deliveryId', e.chain_seq DESC) latest
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );

    const events = acts.map((r) => r.event);
    const created = events.find((e) => e.type === 'broadcast.created');
    const decision = events.filter((e) => DECISIONS.has(e.type)).at(-1);
    const outcomes: BroadcastTrail['outcomes'] = { total: 0, byStatus: {}, byChannel: {} };
    for (const { status, channel, n } of counts) {
      outcomes.total += n;
      outcomes.byStatus[status] = (outcomes.byStatus[status] ?? 0) + n;
      outcomes.byChannel[channel] = { ...outcomes.byChannel[channel], [status]: n };
    }
    const audience = [...events].reverse().find((e) => typeof e.body.audienceSize === 'number');
    return {
      broadcastId,
      chainId,
      jurisdictionPath: created?.jurisdictionPath ?? events[0]?.jurisdictionPath ?? null,
      category: str(created?.body.category),
      content: created?.body.content ?? null,
      contentSha256: str(created?.body.contentSha256),
      groupIds: Array.isArray(created?.subject.groupIds) ? (created.subject.groupIds as string[]) : [],
      author: created?.actor ?? null,
      createdAt: created?.occurredAt ?? null,
      decision: decision
        ? { type: decision.type, actor: decision.actor, at: decision.occurredAt, note: noteOf(decision) }
        : null,
      cancelledAt: events.find((e) => e.type === 'broadcast.cancelled')?.occurredAt ?? null,
      firstSentAt: batches.first,
      lastSentAt: batches.last,
      completedAt: events.find((e) => e.type === 'broadcast.completed')?.occurredAt ?? null,
      audienceSize: audience ? (audience.body.audienceSize as number) : null,
      outcomes,
      steps: events.map((e): TrailStep => ({
        chainSeq: e.chainSeq,
        type: e.type,
        occurredAt: e.occurredAt,
        actor: e.actor,
        note: noteOf(e),
      })),
      messageBatches: batches.n,
    };
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function noteOf(e: AuditEvent): string | null {
  return str(e.body.note) ?? str(e.body.reason);
}
