import { ForbiddenError, ValidationError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event';

/** A DataSource or a transaction's EntityManager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * Writes one event into the auditors' store exactly as it travelled; a repeat, or an event a retention purge already
 * removed (a replay of the topic), is skipped. Returns whether a row was written.
 */
export async function storeAuditEvent(q: Queryable, e: AuditEvent): Promise<boolean> {
  return (await storeAuditEvents(q, [e])) === 1;
}

/** storeAuditEvent for many events in one statement; returns how many rows were written. */
export async function storeAuditEvents(q: Queryable, events: AuditEvent[]): Promise<number> {
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

/** What auditors search by; every field narrows the result. */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  types?: string[];
  officerId?: string;
  /** A jurisdiction subtree (materialised path) the events must lie in. */
  jurisdictionPath?: string;
  groupId?: string;
  channel?: string;
  category?: string;
  /** Words the police sent (body.content contains them, case-insensitive). */
  text?: string;
  pseudonym?: string;
  broadcastId?: string;
  chainId?: string;
}

/** The caller's reach: events in this subtree only (null: state-wide). Events without a jurisdiction are state-level. */
export type AuditScope = string | null;

/** `LIKE` pattern for "starts with": the value's own wildcards are escaped. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, '\\$&')}%`;
}

export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/** SQL conditions on `audit_event` for a filter and a scope; parameters are appended to `params`. */
export function auditConditions(f: AuditFilter, scope: AuditScope, params: unknown[]): string[] {
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  // The deeper of the two paths decides; both are kept since the planner uses the prefix on an index either way.
  for (const path of [scope, f.jurisdictionPath]) {
    if (path) where.push(`jurisdiction_path LIKE ${p(likePrefix(path))}`);
  }
  if (f.from) where.push(`occurred_at >= ${p(f.from)}`);
  if (f.to) where.push(`occurred_at < ${p(f.to)}`);
  if (f.types?.length) where.push(`type = ANY(${p(f.types)}::text[])`);
  if (f.officerId) where.push(`actor_id = ${p(f.officerId)}::uuid`);
  if (f.groupId) where.push(`group_ids @> ARRAY[${p(f.groupId)}::text]`);
  if (f.channel) where.push(`channels @> ARRAY[${p(f.channel)}::text]`);
  if (f.category) where.push(`category = ${p(f.category)}`);
  if (f.text) where.push(`audit_content_text(event) ILIKE ${p(likeContains(f.text))}`);
  if (f.pseudonym) where.push(`pseudonyms @> ARRAY[${p(f.pseudonym)}::text]`);
  if (f.broadcastId) where.push(`chain_id = ${p(`broadcast:${f.broadcastId}`)}`);
  if (f.chainId) where.push(`chain_id = ${p(f.chainId)}`);
  return where;
}

/** Keyset position in (occurred_at, id) order; opaque to clients. */
export interface AuditCursor {
  at: string;
  id: string;
}

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): AuditCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return { at, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new ValidationError('cursor is not one this API returned / cursor अमान्य है');
}

/** The page query behind search and export: filtered, scoped, after the cursor, in (occurred_at, id) order. */
export async function auditPage(
  q: Queryable,
  filter: AuditFilter,
  scope: AuditScope,
  after: AuditCursor | null,
  limit: number,
): Promise<{ events: AuditEvent[]; last: AuditCursor | null; more: boolean }> {
  const params: unknown[] = [];
  const where = auditConditions(filter, scope, params);
  if (after) {
    params.push(after.at, after.id);
    where.push(`(occurred_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
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
 * The subtree an auditor asked for, checked against their own: asking above one's reach narrows to it, asking
 * beside it is refused (undefined when no jurisdiction was asked for).
 */
export async function resolveJurisdiction(
  q: Queryable,
  code: string | undefined,
  scope: AuditScope,
): Promise<string | undefined> {
  if (!code) return undefined;
  const [node] = await q.query<{ path: string }[]>(`SELECT path FROM jurisdiction_node WHERE code = $1`, [code]);
  if (!node) throw new ValidationError(`unknown jurisdiction ${code} / अज्ञात क्षेत्राधिकार`);
  if (scope === null || node.path.startsWith(scope)) return node.path;
  if (scope.startsWith(node.path)) return scope;
  throw new ForbiddenError(`jurisdiction ${code} is outside your jurisdiction / ${code} आपके क्षेत्राधिकार से बाहर है`);
}
