import { Command } from '@nestjs/cqrs';
import { ReplyTarget } from '@jansetu/broadcast';
import { Verdict } from '../../domain/verdict';

/**
 * A text a citizen wants checked: VERIFY <code or text> (`label` null), or a case the inbox filed (its label).
 * `senderRef` identifies the sender for counting distinct senders (null: anonymous, counted once per message).
 */
export interface MessageToCheck {
  text: string;
  textSealed: string;
  replyTo: ReplyTarget;
  replyKey: string;
  senderRef: string | null;
  jurisdictionPath: string | null;
  label: string | null;
  receivedAt: string;
}

export interface MessageChecked {
  verdict: Verdict['kind'] | 'ignored' | 'duplicate';
  clusterId?: string;
}

export class CheckMessageCommand extends Command<MessageChecked> {
  constructor(
    readonly messageId: string,
    readonly message: MessageToCheck,
  ) {
    super();
  }
}
