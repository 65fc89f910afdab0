import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from '../domain/audit-event';
import { AuditCursor, AuditFilter, AuditScope } from '../domain/audit-filter';
import { PURGE_EVENT_TYPE } from '../domain/chain-verifier';
import { auditConditions, likePrefix, Queryable } from './audit-sql';

export interface AuditPage {
  events: AuditEvent[];
  last: AuditCursor | null;
  more: boolean;
}

/** What a purge removed from one chain: through which event, and how many. */
export interface PurgedChain {
  chainId: string;
  throughSeq: number;
  throughHash: string;
  purged: number;
}

export interface BatchSpan {
  n: number;
  first: string | null;
  last: string | null;
}

export interface OutcomeCount {
  status: string;
  channel: string;
  /** The kind of failure of a failed recipient (permanent, recipient-opted-out, window-closed, ...); else null. */
  failure: string | null;
  n: number;
}

export interface CitizenHistoryRow {
  event: AuditEvent;
  at: string;
  id: string;
  /** The citizen's own outcomes in the event. */
  outcomes: Record<string, unknown>[];
  /** For a batch of a broadcast: what the broadcast was created with. */
  created: { content: unknown; category: string | null } | null;
}

const keysetAfter = (after: AuditCursor, params: unknown[], alias = '') => {
  params.push(after.at, after.id);
  return `(${alias}occurred_at, ${alias}id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
};

/** `audit_event`, the auditors' append-only store (a trigger refuses UPDATE and DELETE outside the purge). */
@Injectable()
export class AuditEventRepository {
  /**
   * Writes events exactly as they travelled, in one statement; a repeat, or an event a retention purge already
   * removed (a replay of the topic), is skipped. Returns how many rows were written.
   */
  async store(q: Queryable, events: AuditEvent[]): Promise<number> {
    if (!events.length) return 0;
    const rows: unknown[] = await q.query(
      `INSERT INTO audit_event (id, chain_id, chain_seq, type, occurred_at, actor_id, actor_role, jurisdiction_path,
                                event, prev_hash, hash)
       SELECT e.id, e.chain_id, e.chain_seq, e.type, e.occurred_at, e.actor_id, e.actor_role, e.jurisdiction_path,
              e.event, e.prev_hash, e.hash
         FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, chain_id text, chain_seq bigint, type text,
                occurred_at timestamptz, actor_id uuid, actor_role text, jurisdiction_path text, event jsonb,
                prev_hash text, hash text)
        WHERE NOT EXISTS (SELECT 1 FROM audit_purge_mark p WHERE p.chain_id = e.chain_id AND p.through_seq >= e.chain_seq)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        JSON.stringify(
          events.map((e) => ({
            id: e.id,
            chain_id: e.chainId,
            chain_seq: e.chainSeq,
            type: e.type,
            occurred_at: e.occurredAt,
            actor_id: e.actor.officerId,
            actor_role: e.actor.kind === 'system' ? 'system' : e.actor.role,
            jurisdiction_path: e.jurisdictionPath,
            event: e,
            prev_hash: e.prevHash,
            hash: e.hash,
          })),
        ),
      ],
    );
    return rows.length;
  }

  /** store() for one event; whether a row was written. */
  async storeOne(q: Queryable, e: AuditEvent): Promise<boolean> {
    return (await this.store(q, [e])) === 1;
  }

  /** The page behind search and export: filtered, scoped, after the cursor, in (occurred_at, id) order. */
  async page(
    q: Queryable,
    filter: AuditFilter,
    scope: AuditScope,
    after: AuditCursor | null,
    limit: number,
  ): Promise<AuditPage> {
    const params: unknown[] = [];
    const where = auditConditions(filter, scope, params);
    if (after) where.push(keysetAfter(after, params));
    params.push(limit + 1);
    const rows: { event: AuditEvent; at: string; id: string }[] = await q.query(
      `SELECT event, to_json(occurred_at) #>> '{}' AS at, id FROM audit_event
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY occurred_at, id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const tail = page.at(-1);
    return {
      events: page.map((r) => r.event),
      last: tail ? { at: tail.at, id: tail.id } : null,
      more: rows.length > limit,
    };
  }

  /**
   * Removes, in the caller's transaction, what retention allows from at most `maxChains` chains (only ever a whole
   * prefix of a chain, nothing under a legal hold); says through which event each chain went.
   */
  async purgeExpired(m: EntityManager, maxChains: number): Promise<PurgedChain[]> {
    const rows = await m.query<{ chain_id: string; through_seq: string; through_hash: string; purged: string }[]>(
      `SELECT chain_id, through_seq, through_hash, purged FROM audit_purge($1)`,
      [maxChains],
    );
    return rows.map((r) => ({
      chainId: r.chain_id,
      throughSeq: Number(r.through_seq),
      throughHash: r.through_hash,
      purged: Number(r.purged),
    }));
  }

  /** Every audit.purged record, in chain order: their anchors say where purged chains resume. */
  async purgeRecords(q: Queryable): Promise<AuditEvent[]> {
    const rows = await q.query<{ event: AuditEvent }[]>(
      `SELECT event FROM audit_event WHERE type = $1 ORDER BY chain_id, chain_seq`,
      [PURGE_EVENT_TYPE],
    );
    return rows.map((r) => r.event);
  }

  /** Whether the chain has an event in the scope. */
  async hasChainInScope(q: Queryable, chainId: string, scope: AuditScope): Promise<boolean> {
    const rows = await q.query<unknown[]>(
      `SELECT 1 FROM audit_event WHERE chain_id = $1 ${scope ? 'AND jurisdiction_path LIKE $2' : ''} LIMIT 1`,
      scope ? [chainId, likePrefix(scope)] : [chainId],
    );
    return rows.length > 0;
  }

  /** The next chain ids after `after` with an event in the scope, in id order. */
  async chainIdsAfter(q: Queryable, after: string, scope: AuditScope, limit: number): Promise<string[]> {
    const rows = await q.query<{ chain_id: string }[]>(
      `SELECT chain_id FROM audit_event WHERE chain_id > $1 ${scope ? 'AND jurisdiction_path LIKE $3' : ''}
        GROUP BY chain_id ORDER BY chain_id LIMIT $2`,
      scope ? [after, limit, likePrefix(scope)] : [after, limit],
    );
    return rows.map((r) => r.chain_id);
  }

  /** The events of these chains after (chain id, sequence), whole chains in sequence order, one page. */
  async chainEventsAfter(
    q: Queryable,
    chainIds: string[],
    after: [chainId: string, seq: number],
    limit: number,
  ): Promise<AuditEvent[]> {
    const rows = await q.query<{ event: AuditEvent }[]>(
      `SELECT event FROM audit_event WHERE chain_id = ANY($1::text[]) AND (chain_id, chain_seq) > ($2, $3)
        ORDER BY chain_id, chain_seq LIMIT ${Number(limit)}`,
      [chainIds, ...after],
    );
    return rows.map((r) => r.event);
  }

  /** A chain's events in the scope, in sequence order, leaving out one type (a broadcast's message batches). */
  async chainEventsExcept(q: Queryable, chainId: string, scope: AuditScope, exceptType: string): Promise<AuditEvent[]> {
    const params: unknown[] = [];
    const where = auditConditions({ chainId }, scope, params).join(' AND ');
    params.push(exceptType);
    const rows = await q.query<{ event: AuditEvent }[]>(
      `SELECT event FROM audit_event WHERE ${where} AND type <> $${params.length} ORDER BY chain_seq`,
      params,
    );
    return rows.map((r) => r.event);
  }

  /** How many events of a type a chain has in the scope, and when the first and last happened. */
  async chainSpanOfType(q: Queryable, chainId: string, scope: AuditScope, type: string): Promise<BatchSpan> {
    const params: unknown[] = [];
    const where = auditConditions({ chainId }, scope, params).join(' AND ');
    params.push(type);
    const [span] = await q.query<BatchSpan[]>(
      `SELECT count(*)::int AS n, to_json(min(occurred_at)) #>> '{}' AS first, to_json(max(occurred_at)) #>> '{}' AS last
         FROM audit_event WHERE ${where} AND type = $${params.length}`,
      params,
    );
    return span;
  }

  /**
   * Recipients of a chain by status and channel. A recipient may appear in several events (a retry, a later
   * receipt): the latest one says where they stand.
   */
  latestOutcomeCounts(q: Queryable, chainId: string, scope: AuditScope): Promise<OutcomeCount[]> {
    const params: unknown[] = [];
    const where = auditConditions({ chainId }, scope, params).join(' AND ');
    return q.query<OutcomeCount[]>(
      `SELECT o->>'status' AS status, coalesce(o->>'channel', 'unknown') AS channel,
              CASE WHEN o->>'status' = 'failed' THEN coalesce(split_part(o->>'failure', ' ', 1), 'unknown') END AS failure,
              count(*)::int AS n
         FROM (SELECT DISTINCT ON (o->>'deliveryId') o
                 FROM audit_event e, jsonb_path_query(e.event, '$.body.outcomes[*] ? (exists (@.deliveryId))') AS o
                WHERE ${where}
                ORDER BY o->>'deliveryId', e.chain_seq DESC) latest
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
  }

  /** The citizen's own chain, and every event naming them (a broadcast batch lists its recipients), one page. */
  citizenHistoryPage(
    q: Queryable,
    pseudonym: string,
    scope: AuditScope,
    after: AuditCursor | null,
    limit: number,
  ): Promise<CitizenHistoryRow[]> {
    const params: unknown[] = [pseudonym];
    const where = [`(e.pseudonyms @> ARRAY[$1::text] OR e.chain_id = 'citizen:' || $1)`];
    if (scope) where.push(`e.jurisdiction_path LIKE $${params.push(likePrefix(scope))}`);
    if (after) where.push(keysetAfter(after, params, 'e.'));
    params.push(limit);
    return q.query<CitizenHistoryRow[]>(
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
  }
}
