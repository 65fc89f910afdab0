import { Command } from '@nestjs/cqrs';
import { AutoReply } from '../../domain/auto-reply';

/**
 * Sends one automatic reply; `messageId` (the bus message id) makes a redelivery a no-op. `held` when its provider
 * is down: it is tried again later (ReleaseHeldRepliesCommand).
 */
export class SendReplyCommand extends Command<{ sent: boolean; held?: true }> {
  constructor(
    readonly messageId: string,
    readonly reply: AutoReply,
  ) {
    super();
  }
}
