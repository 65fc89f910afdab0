export type AutoReplyReason = 'join-confirmation' | 'unknown-code' | 'stop-confirmation' | 'help';

/** An automatic message to one citizen, queued on jansetu.dispatch.v1 and audited when sent. */
export interface AutoReply {
  contactPointId: string;
  pseudonym: string;
  reason: AutoReplyReason;
  text: string;
  jurisdictionPath: string | null;
}
