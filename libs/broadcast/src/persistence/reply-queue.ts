import { Injectable } from '@nestjs/common';
import { Outbox, Topics } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { AutoReply, AutoReplyReason } from '../domain/auto-reply';

/** Where a reply goes: a stored contact point, or a sealed address for someone JanSetu keeps nothing about. */
export type ReplyTarget =
  | { contactPointId: string; pseudonym: string | null }
  | { channel: string; toSealed: string; pseudonym: string | null };

/** Queues one reply to a citizen on jansetu.dispatch.v1, inside the caller's transaction. */
@Injectable()
export class ReplyQueue {
  constructor(private readonly outbox: Outbox) {}

  /** `key` orders replies on the topic and is visible to anyone reading it: an opaque id, never an address. */
  async enqueue(
    m: EntityManager,
    key: string,
    target: ReplyTarget,
    reason: AutoReplyReason,
    text: string,
    jurisdictionPath: string | null,
    ref?: string,
  ): Promise<void> {
    const stored = 'contactPointId' in target;
    const payload: AutoReply = stored
      ? { contactPointId: target.contactPointId, pseudonym: target.pseudonym, reason, text, jurisdictionPath, ref }
      : {
          channel: target.channel,
          toSealed: target.toSealed,
          pseudonym: target.pseudonym,
          reason,
          text,
          jurisdictionPath,
          ref,
        };
    await this.outbox.add(m, {
      topic: Topics.dispatch,
      key: `reply:${key}`,
      type: 'reply.send',
      payload,
    });
  }
}
