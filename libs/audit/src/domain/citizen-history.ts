import type { CitizenHistoryEntry } from '../queries/get-citizen-history/get-citizen-history.query';
import { AuditEvent } from './audit-event';

/** One event as the citizen's history shows it: their own outcomes, and what was said (the broadcast's words). */
export function citizenHistoryEntry(
  e: AuditEvent,
  outcomes: Record<string, unknown>[],
  created: { content: unknown; category: string | null } | null,
): CitizenHistoryEntry {
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
    // A broadcast batch fingerprints each language it sent: the citizen's entry shows the one they received.
    contentSha256: str(e.body.contentSha256) ?? variantHash(e.body.variantSha256, last?.language),
    channel: str(e.body.channel) ?? str(last?.channel),
    status: str(e.body.status) ?? str(last?.status),
    outcomes,
    hash: e.hash,
  };
}

function variantHash(hashes: unknown, language: unknown): string | null {
  if (!hashes || typeof hashes !== 'object' || typeof language !== 'string') return null;
  return str((hashes as Record<string, unknown>)[language]);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
