import { Command } from '@nestjs/cqrs';

/**
 * A message from the bus that may be an alert contact answering an alert: `handled` is false when the sender is
 * no alert contact (or has nothing open and did not write ACK), and the message goes on to membership as usual.
 */
export class AcknowledgeByReplyCommand extends Command<{ handled: boolean }> {
  constructor(
    readonly messageId: string,
    readonly inbound: { channel: string; fromSealed: string; text: string },
  ) {
    super();
  }
}
