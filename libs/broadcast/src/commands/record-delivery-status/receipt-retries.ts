import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AutoReply } from '../../domain/auto-reply';
import { receiptRetryInMs } from '../../domain/delivery-policy';
import { Receipt } from '../../domain/delivery-receipts';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { HeldReplyRepository } from '../../persistence/held-replies.repository';
import { ReceiptRepository, ReplyChange } from '../../persistence/receipt.repository';

/**
 * Receipts that say "try again" (a handset off: Twilio 30003, Meta 131000), wherever they are applied: when they
 * arrive, and when they arrived before the send was recorded and were parked. The delivery or reply goes again
 * with the receipt backoff while its budget lasts; every other receipt moves its send forward as it says.
 */
@Injectable()
export class ReceiptRetries {
  constructor(
    private readonly receipts: ReceiptRepository,
    private readonly queue: DispatchQueue,
    private readonly held: HeldReplyRepository,
  ) {}

  /** Sends again the delivery or reply a retryable failure is about, while attempts remain; true when it did. */
  async retryIfRetryable(m: EntityManager, receipt: Receipt, random = Math.random()): Promise<boolean> {
    if (receipt.state !== 'failed') return false;
    const delivery = await this.receipts.sentDelivery(m, receipt);
    if (delivery) {
      const retryInMs = receiptRetryInMs(receipt, delivery.attempts, random);
      if (retryInMs === null) return false;
      await this.receipts.retryLater(m, delivery.id, delivery.broadcastId, receipt, retryInMs);
      await this.queue.enqueue(m, delivery.broadcastId, [delivery.bucket]);
      return true;
    }
    // A reply goes again as a send of its own (its own record, its own once-only guard).
    const reply = await this.receipts.sentReply(m, receipt);
    const retryInMs = reply ? receiptRetryInMs(receipt, reply.attempt, random) : null;
    if (!reply || retryInMs === null) return false;
    await this.receipts.supersedeReply(m, reply.messageId, receipt);
    const again = { ...(reply.payload as unknown as AutoReply), attempt: reply.attempt + 1 };
    const failure = `${receipt.failure ?? 'retryable'} ${receipt.errorCode ?? ''}`.trim();
    await this.held.holdResend(m, resendId(reply.messageId, again.attempt), again, failure, retryInMs);
    return true;
  }

  /**
   * Applies the receipts that beat these deliveries' record of their send, oldest first (a retryable failure sends
   * again instead of failing for good); the contact points an opted-out verdict closes.
   */
  async applyParkedToDeliveries(
    m: EntityManager,
    sends: { channel: string; providerRef: string }[],
  ): Promise<string[]> {
    const optedOut: string[] = [];
    for (const r of await this.receipts.takeParked(m, sends)) {
      if (await this.retryIfRetryable(m, r)) continue;
      const applied = await this.receipts.apply(m, r);
      if (applied.optedOut) optedOut.push(applied.optedOut);
    }
    return optedOut;
  }

  /** The same for a reply's send: its state changes, in order (none for a receipt that sent it again). */
  async applyParkedToReply(m: EntityManager, send: { channel: string; providerRef: string }): Promise<ReplyChange[]> {
    const changes: ReplyChange[] = [];
    for (const r of await this.receipts.takeParked(m, [send])) {
      if (await this.retryIfRetryable(m, r)) continue;
      const { changed } = await this.receipts.applyToReply(m, r);
      if (changed) changes.push(changed);
    }
    return changes;
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
