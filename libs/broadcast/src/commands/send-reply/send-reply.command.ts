import { Command } from '@nestjs/cqrs';
import { AutoReply } from '../../domain/auto-reply';

/** Sends one automatic reply; `messageId` (the bus message id) makes a redelivery a no-op. */
export class SendReplyCommand extends Command<{ sent: boolean }> {
  constructor(
    readonly messageId: string,
    readonly reply: AutoReply,
  ) {
    super();
  }
}
