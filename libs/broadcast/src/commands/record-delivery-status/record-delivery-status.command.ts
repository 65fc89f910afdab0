import { Command } from '@nestjs/cqrs';

/**
 * A delivery receipt from jansetu.status.v1, applied to the delivery with that channel and provider message id
 * (an empty channel: a receipt queued before receipts carried one, matched on the id alone).
 */
export class RecordDeliveryStatusCommand extends Command<{ updated: boolean }> {
  constructor(
    readonly channel: string,
    readonly providerMessageId: string,
    readonly state: 'sent' | 'delivered' | 'read' | 'failed',
    readonly failure?: string,
    readonly errorCode?: string,
  ) {
    super();
  }
}
