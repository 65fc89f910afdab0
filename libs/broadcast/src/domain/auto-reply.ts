export type AutoReplyReason =
  | 'join-confirmation'
  | 'already-member'
  | 'unknown-code'
  | 'group-closed'
  | 'left-group'
  | 'stop-confirmation'
  | 'help'
  | 'my-groups'
  | 'language-set'
  | 'link-code'
  | 'linked'
  | 'not-a-member'
  | 'inbox-ack'
  | 'emergency-112'
  | 'rate-limited'
  | 'erased'
  | 'verification'
  | 'case-alert'
  | 'alert-ack';

/**
 * An automatic message to one citizen, queued on jansetu.dispatch.v1 and audited when sent. It goes to a stored
 * contact point, or, for someone JanSetu keeps nothing about (an unknown join code), to a sealed address and channel.
 */
export interface AutoReply {
  contactPointId?: string;
  /** With toSealed: the channel and the address sealed by FieldCipher; nothing is stored for this citizen. */
  channel?: string;
  toSealed?: string;
  /** Null when nothing is stored for the citizen. */
  pseudonym: string | null;
  reason: AutoReplyReason;
  text: string;
  jurisdictionPath: string | null;
  /** What the reply answers, told its delivery state (ReplyDeliveryChanged): `inbox-reply:<id>`. */
  ref?: string;
  /** Its send: 1, or more when a receipt asked for it again (a handset that was off). */
  attempt?: number;
}
