import { createHash } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecipientOptedOut } from '@jansetu/channels';
import { DomainEvents } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { receiptRetryInMs } from '../../domain/delivery-policy';
import { AutoReply } from '../../domain/auto-reply';
import { Receipt } from '../../domain/delivery-receipts';
import { ReplyDeliveryChanged } from '../../events/reply-delivery-changed.event';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { HeldReplyRepository } from '../../persistence/held-replies.repository';
import { ReceiptRepository } from '../../persistence/receipt.repository';
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
    private readonly queue: DispatchQueue,
    private readonly held: HeldReplyRepository,
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
      const target = receipt.state === 'failed' ? await this.receipts.sentDelivery(m, receipt) : undefined;
      const retryInMs = target ? receiptRetryInMs(receipt, target.attempts, Math.random()) : null;
      if (target && retryInMs !== null) {
        await this.receipts.retryLater(m, target.id, target.broadcastId, receipt, retryInMs);
        await this.queue.enqueue(m, target.broadcastId, [target.bucket]);
        return { updated: true };
      }
      const { matched, updated, optedOut } = await this.receipts.apply(m, receipt);
      if (!matched) {
        // A reply's handset was off: it goes again, as a send of its own, with the same backoff as a delivery's.
        const reply = receipt.state === 'failed' ? await this.receipts.sentReply(m, receipt) : undefined;
        const replyRetryInMs = reply ? receiptRetryInMs(receipt, reply.attempt, Math.random()) : null;
        if (reply && replyRetryInMs !== null) {
          await this.receipts.supersedeReply(m, reply.messageId, receipt);
          const again = { ...(reply.payload as unknown as AutoReply), attempt: reply.attempt + 1 };
          const failure = `${receipt.failure ?? 'retryable'} ${receipt.errorCode ?? ''}`.trim();
          await this.held.holdResend(m, resendId(reply.messageId, again.attempt), again, failure, replyRetryInMs);
          return { updated: true };
        }
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

/**
 * The message id of a reply's next send: a uuid of its own (the once-only guard of the earlier send must not stop
 * it), the same for the same send and attempt, so a receipt handled twice holds one resend.
 */
function resendId(messageId: string, attempt: number): string {
  const h = createHash('sha256').update(`${messageId}#${attempt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
