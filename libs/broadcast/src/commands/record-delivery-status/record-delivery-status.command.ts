import { Command } from '@nestjs/cqrs';

/** A delivery receipt from jansetu.status.v1, applied to the delivery with that provider message id. */
export class RecordDeliveryStatusCommand extends Command<{ updated: boolean }> {
  constructor(
    readonly providerMessageId: string,
    readonly state: 'sent' | 'delivered' | 'read' | 'failed',
    readonly failure?: string,
    readonly errorCode?: string,
  ) {
    super();
  }
}
