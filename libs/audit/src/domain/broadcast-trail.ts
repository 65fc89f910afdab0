import type { BroadcastTrail, TrailStep } from '../queries/get-broadcast-trail/get-broadcast-trail.query';
import { AuditEvent } from './audit-event';

/** A broadcast's message batches: counted and timed in the trail, not listed step by step. */
export const BATCH_TYPE = 'broadcast.messages_sent';
const DECISIONS = new Set(['broadcast.approved', 'broadcast.rejected']);

export interface TrailInput {
  broadcastId: string;
  chainId: string;
  /** The chain's acts in sequence order, batches left out. */
  acts: AuditEvent[];
  batches: { n: number; first: string | null; last: string | null };
  /** Each recipient once, at their latest status. */
  counts: { status: string; channel: string; failure?: string | null; n: number }[];
}

/** The story of a broadcast told from its audit chain: who wrote it, who decided, when it went, whom it reached. */
export function summariseTrail({ broadcastId, chainId, acts: events, batches, counts }: TrailInput): BroadcastTrail {
  const created = events.find((e) => e.type === 'broadcast.created');
  const decision = events.filter((e) => DECISIONS.has(e.type)).at(-1);
  const outcomes: BroadcastTrail['outcomes'] = { total: 0, byStatus: {}, byChannel: {}, byFailure: {} };
  for (const { status, channel, failure, n } of counts) {
    outcomes.total += n;
    outcomes.byStatus[status] = (outcomes.byStatus[status] ?? 0) + n;
    const ofChannel = (outcomes.byChannel[channel] ??= {});
    ofChannel[status] = (ofChannel[status] ?? 0) + n;
    if (status === 'failed') {
      const kind = failure ?? 'unknown';
      outcomes.byFailure[kind] = (outcomes.byFailure[kind] ?? 0) + n;
    }
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

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function noteOf(e: AuditEvent): string | null {
  return str(e.body.note) ?? str(e.body.reason);
}
