import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecipientOptedOut } from '@jansetu/channels';
import { DomainEvents } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { Receipt } from '../../domain/delivery-receipts';
import { ReplyDeliveryChanged } from '../../events/reply-delivery-changed.event';
import { ReceiptRepository } from '../../persistence/receipt.repository';
import { ReceiptRetries } from './receipt-retries';
import { RecordDeliveryStatusCommand } from './record-delivery-status.command';

/**
 * Applies a provider's receipt to its delivery or to the reply it is about, or parks it until the send is recorded;
 * opt-outs and a reply's new state become events.
 */
@CommandHandler(RecordDeliveryStatusCommand)
export class RecordDeliveryStatusHandler implements ICommandHandler<RecordDeliveryStatusCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly receipts: ReceiptRepository,
    private readonly events: DomainEvents,
    private readonly retries: ReceiptRetries,
  ) {}

  async execute(cmd: RecordDeliveryStatusCommand): Promise<{ updated: boolean }> {
    const receipt: Receipt = {
      channel: cmd.channel,
      providerRef: cmd.providerMessageId,
      state: cmd.state,
      failure: cmd.failure,
      errorCode: cmd.errorCode,
    };
    return this.dataSource.transaction(async (m) => {
      // A retryable failure (handset off, provider busy) goes again with backoff while attempts remain.
      if (await this.retries.retryIfRetryable(m, receipt)) return { updated: true };
      const { matched, updated, optedOut } = await this.receipts.apply(m, receipt);
      if (!matched) {
        // Not a broadcast's delivery: a reply's or an automatic text's, or one whose send is not recorded yet.
        const applied = await this.receipts.applyToReply(m, receipt);
        if (!applied.matched) await this.receipts.park(m, receipt);
        if (applied.changed?.ref)
          await this.events.publish(
            m,
            new ReplyDeliveryChanged(
              applied.changed.ref,
              applied.changed.status as ReplyDeliveryChanged['status'],
              applied.changed.failure,
            ),
          );
        // An opted-out verdict on a reply closes its contact point, as on a broadcast's delivery.
        if (applied.changed?.optedOut) await this.events.publish(m, new RecipientOptedOut(applied.changed.optedOut));
        return { updated: applied.changed !== null };
      }
      // Membership closes the contact point for good (it owns it).
      if (optedOut) await this.events.publish(m, new RecipientOptedOut(optedOut));
      return { updated };
    });
  }
}
