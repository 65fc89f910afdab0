import { Command } from '@nestjs/cqrs';
import { ChannelName, StatusReceipt } from '../channel-adapter.port';

/** A provider's delivery receipt, queued on jansetu.status.v1 so the webhook answers at once. */
export class ReceiveStatusReceiptCommand extends Command<void> {
  constructor(
    readonly channel: ChannelName,
    readonly route: string,
    readonly receipt: StatusReceipt,
  ) {
    super();
  }
}
