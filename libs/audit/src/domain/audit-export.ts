import { AuditEvent } from './audit-event';

export type AuditExportFormat = 'ndjson' | 'csv';

/** One event per line, exactly as it travelled: the verification script reads this file as it reads the topic. */
export function ndjsonLine(e: AuditEvent): string {
  return `${JSON.stringify(e)}\n`;
}

export const CSV_COLUMNS = [
  'id',
  'occurred_at',
  'type',
  'chain_id',
  'chain_seq',
  'actor_kind',
  'actor_officer_id',
  'actor_role',
  'jurisdiction_path',
  'subject',
  'category',
  'channels',
  'content',
  'content_sha256',
  'audience_size',
  'outcome',
  'body',
  'prev_hash',
  'hash',
] as const;

/**
 * Spreadsheet programs read UTF-8 (Hindi) correctly only with a byte order mark; lines end in CRLF (RFC 4180).
 * Values are never altered (no formula guards), so the CSV says exactly what the log says.
 */
export const CSV_HEADER = `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const scalar = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
  const text = typeof value === 'string' ? value : scalar ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(e: AuditEvent): string {
  const outcomes = Array.isArray(e.body.outcomes) ? (e.body.outcomes as Record<string, unknown>[]) : [];
  const channels = new Set<string>();
  if (typeof e.body.channel === 'string') channels.add(e.body.channel);
  for (const o of outcomes) if (typeof o.channel === 'string') channels.add(o.channel);
  const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: e.id,
    occurred_at: e.occurredAt,
    type: e.type,
    chain_id: e.chainId,
    chain_seq: e.chainSeq,
    actor_kind: e.actor.kind,
    actor_officer_id: e.actor.officerId,
    actor_role: e.actor.role,
    jurisdiction_path: e.jurisdictionPath,
    subject: e.subject,
    category: e.body.category,
    channels: [...channels].sort().join(' '),
    content: e.body.content,
    content_sha256: e.body.contentSha256,
    audience_size: e.body.audienceSize,
    outcome: typeof e.body.status === 'string' ? e.body.status : outcomeCounts(outcomes),
    body: e.body,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
  return `${CSV_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`;
}

/** "failed=2 sent=98": a batch's outcomes at a glance (a completion summary carries its own counts in `n`). */
function outcomeCounts(outcomes: Record<string, unknown>[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    if (typeof o.status !== 'string') continue;
    counts.set(o.status, (counts.get(o.status) ?? 0) + (typeof o.n === 'number' ? o.n : 1));
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, n]) => `${status}=${n}`)
    .join(' ');
}
