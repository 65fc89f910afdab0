import { EntityManager } from 'typeorm';
import { AuditFilter, AuditScope } from '../domain/audit-filter';

/** A DataSource or a transaction's EntityManager. */
export type Queryable = Pick<EntityManager, 'query'>;

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
