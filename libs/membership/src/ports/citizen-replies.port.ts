import { EntityManager } from 'typeorm';

/** Where a reply goes: a stored contact point, or a sealed address for someone JanSetu keeps nothing about. */
export type CitizenReplyTarget =
  | { contactPointId: string; pseudonym: string | null }
  | { channel: string; toSealed: string; pseudonym: string | null };

/**
 * Queues an automatic reply to a citizen inside the caller's transaction. The broadcast context sends and audits it
 * (its ReplyQueue is bound to this token); membership only says what to answer.
 */
export interface CitizenReplies {
  enqueue(
    m: EntityManager,
    key: string,
    target: CitizenReplyTarget,
    reason: string,
    text: string,
    jurisdictionPath: string | null,
  ): Promise<void>;
}

export const CITIZEN_REPLIES = Symbol('CITIZEN_REPLIES');
