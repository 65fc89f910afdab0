import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { ChannelRegistry, RecipientOptedOut } from '@jansetu/channels';
import { APP_CONFIG, AppConfig, DomainEvents, sha256Hex } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { audienceOf } from '../../domain/audience';
import { isSending } from '../../domain/broadcast-lifecycle';
import { AudienceRepository } from '../../persistence/audience.repository';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { ClaimedDelivery, DeliveryRecord, DeliveryRepository, SendLimits } from '../../persistence/delivery.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { ReceiptRetries } from '../record-delivery-status/receipt-retries';
import { BatchPipeline, DispatchTotals } from './batch-pipeline';
import { BroadcastMessage, DeliverySender, SentDelivery } from './delivery-sender';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const MAX_BATCH = 100;
// One dispatch message works a bucket for at most this long, then queues its own continuation: the Kafka consumer
// stays well inside its session timeout, and concurrent broadcasts take turns.
const SLICE_MS = 5000;
// Batches in flight per bucket: the next one is claimed while the last one's sends await the provider's answers,
// so the database round trips of claim and record overlap with sending instead of stalling it.
const PIPELINE = 2;
// How long a bucket that gave way to a more urgent broadcast waits before it queues its continuation.
const YIELD_MS = 500;
// A bucket whose next delivery is due later than this is parked until then (parked_bucket, the scheduler).
const PARK_AFTER_MS = 30_000;
// The day's unique WhatsApp users are counted this often while the limit is more than WHATSAPP_FAR_MARGIN away:
// more than every dispatcher together can reach in that time (Meta's top throughput, 1,000/s, twice over).
const WHATSAPP_COUNT_EVERY_MS = 10_000;
const WHATSAPP_FAR_MARGIN = 20_000;

type DispatchResult = DispatchTotals & { stoppedBecause?: string };

/** Works one bucket of a broadcast: claim → decide → send → record, batch after batch, two batches in flight. */
@CommandHandler(DispatchBroadcastCommand)
export class DispatchBroadcastHandler implements ICommandHandler<DispatchBroadcastCommand> {
  private readonly logger = new Logger('Dispatch');
  private whatsappCount = { n: 0, at: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly audience: AudienceRepository,
    private readonly retries: ReceiptRetries,
    private readonly sender: DeliverySender,
    private readonly channels: ChannelRegistry,
    private readonly audit: AuditRecorder,
    private readonly queue: DispatchQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
  ) {}

  async execute({ broadcastId, bucket }: DispatchBroadcastCommand): Promise<DispatchResult> {
    const broadcast = await this.broadcasts.findToSend(broadcastId);
    if (!broadcast) return { sent: 0, failed: 0 };
    const message = new BroadcastMessage(broadcast.body, broadcast.forms, broadcast.verificationCode);
    // A delivery left in 'sending' this long belongs to a dispatcher that died mid-batch: it is sent again. This
    // is the only source of duplicates, bounded by the batches the dead dispatcher had in flight (PIPELINE a bucket).
    await this.deliveries.releaseStale(broadcastId, bucket, this.config.DISPATCH_STALE_SECONDS);
    const pipeline = new BatchPipeline(PIPELINE);
    let slicesLeft = await this.deliveries.hasOpenSlice(broadcastId, bucket);
    const began = Date.now();
    for (;;) {
      if (Date.now() - began > SLICE_MS) {
        return this.continueLater(pipeline, broadcastId, bucket, 0, 'time slice used; continues');
      }
      const stop = await this.shouldStop(broadcastId, broadcast.priority);
      if (stop === 'yield') {
        // A more urgent broadcast is going out: hand the provider budget to it and come back later.
        return this.continueLater(pipeline, broadcastId, bucket, YIELD_MS, 'yielded to a more urgent broadcast');
      }
      if (stop) {
        await pipeline.drain();
        return { ...pipeline.totals, stoppedBecause: stop };
      }
      const limit = this.batchSize();
      const claimed = await this.claim(broadcastId, bucket, limit, await this.limitsFor(broadcast.category));
      // A streamed audience: the next slice is materialised once the bucket runs short of due deliveries.
      if (claimed.length < limit && slicesLeft) {
        slicesLeft = await this.materialiseNextSlice(broadcastId, bucket, broadcast.path);
        if (!claimed.length && slicesLeft) continue;
      }
      if (!claimed.length) {
        if (pipeline.busy) {
          await pipeline.drain(); // our own batches are still 'sending': their outcome decides what is left
          continue;
        }
        const wait = await this.deliveries.nextDueInMs(broadcastId, bucket);
        if (wait === null) break;
        if (wait > PARK_AFTER_MS) {
          // Nothing due for a while: the scheduler queues the bucket again when it is, rather than this loop
          // waking every few seconds for hours.
          await this.deliveries.parkBucket(broadcastId, bucket, wait);
          return { ...pipeline.totals, stoppedBecause: `nothing due for ${Math.round(wait / 1000)} s; parked` };
        }
        await sleep(Math.min(Math.max(wait, 50), 5000));
        continue;
      }
      await pipeline.add(
        this.sender.send(claimed, message).then((sent) => this.record(broadcastId, broadcast.path, message, sent)),
      );
    }
    await this.completeIfDone(broadcastId, broadcast.path);
    return pipeline.totals;
  }

  /** Null to go on; 'yield' when a more urgent broadcast is sending; otherwise why this one stopped (its status). */
  private async shouldStop(broadcastId: string, priority: number): Promise<string | null> {
    const { status, urgent } = await this.broadcasts.statusAndUrgency(broadcastId, priority);
    if (!isSending(status)) return status;
    return urgent ? 'yield' : null;
  }

  private claim(broadcastId: string, bucket: number, limit: number, limits: SendLimits): Promise<ClaimedDelivery[]> {
    return this.deliveries.claimPendingBatch(broadcastId, bucket, limit, limits);
  }

  /**
   * Materialises the bucket's next slice of a streamed audience in one transaction, under the broadcast's row lock
   * (so a pause or cancel either comes first, and nothing is added, or sees the slice's deliveries). The last slice
   * of the broadcast records broadcast.audience_resolved with the audience's size. False when the bucket has no
   * slice left or the broadcast is no longer sending. A crash mid-slice rolls it back; the bucket's redelivered
   * dispatch message materialises it again, so no citizen is added twice or missed.
   */
  private async materialiseNextSlice(broadcastId: string, bucket: number, path: string | null): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const sending = await this.broadcasts.lockSending(m, broadcastId);
      if (!sending) return false;
      // Nothing left to resolve (and its groups already forgotten): not resolved again for nothing.
      if (await this.deliveries.allSlicesMaterialised(m, broadcastId)) return false;
      // The audience's groups are resolved at its first slice (at send time, so a group opened after the broadcast
      // was created is in it) and kept for the others: the resolution walks the jurisdiction subtree (45,000
      // village groups for the state), which no slice need repeat.
      if (!(await this.deliveries.hasAudienceGroups(m, broadcastId))) {
        const groupIds = await this.audience.groupsOf(audienceOf(sending.audience), m);
        await this.deliveries.resolveAudienceGroups(m, broadcastId, groupIds);
      }
      const slice = await this.deliveries.materialiseSlice(m, broadcastId, bucket);
      if (!slice) return false;
      const total = await this.broadcasts.addRecipients(m, broadcastId, slice.recipients);
      if (await this.deliveries.allSlicesMaterialised(m, broadcastId)) {
        await this.deliveries.forgetAudienceGroups(m, broadcastId);
        await this.audit.record(m, {
          chainId: `broadcast:${broadcastId}`,
          type: 'broadcast.audience_resolved',
          actor: SYSTEM_ACTOR,
          jurisdictionPath: path,
          subject: { broadcastId },
          body: { audienceSize: total },
        });
        this.logger.log(`broadcast ${broadcastId}: audience resolved, ${total} recipients`);
      }
      return true;
    });
  }

  /**
   * Enforced at send time, for the whole batch in the claim itself: a citizen gets at most CITIZEN_DAILY_MESSAGE_CAP
   * non-emergency police messages in 24 hours (beyond: 'capped'); WhatsApp reaches at most WHATSAPP_DAILY_LIMIT
   * unique users in 24 hours (beyond: held, retried after WHATSAPP_HOLD_MINUTES). An emergency is never capped,
   * but the WhatsApp limit is the provider's and holds for it too.
   */
  private async limitsFor(category: string): Promise<SendLimits> {
    return {
      citizenDailyCap: category === 'emergency' ? null : this.config.CITIZEN_DAILY_MESSAGE_CAP,
      whatsappDailyLimit: this.config.WHATSAPP_DAILY_LIMIT,
      whatsappHoldMinutes: this.config.WHATSAPP_HOLD_MINUTES,
      whatsappUsed: await this.whatsappUsedIfFar(),
    };
  }

  /**
   * The day's unique WhatsApp users, counted every WHATSAPP_COUNT_EVERY_MS, when the limit is so far above them that
   * all dispatchers together could not close the gap before the next count; else null, and each claim counts
   * exactly (near the limit, and for the default tier of 1,000, where the count is small). Counting the day's sends
   * for every batch of a state-wide broadcast grows with the broadcast (800,000 WhatsApp rows by its end).
   */
  private async whatsappUsedIfFar(): Promise<number | null> {
    if (Date.now() - this.whatsappCount.at > WHATSAPP_COUNT_EVERY_MS) {
      this.whatsappCount = { n: await this.deliveries.whatsappUsersLast24h(), at: Date.now() };
    }
    return this.config.WHATSAPP_DAILY_LIMIT - this.whatsappCount.n > WHATSAPP_FAR_MARGIN ? this.whatsappCount.n : null;
  }

  /**
   * A batch small enough to go out in about two seconds at the slowest provider's rate, so a slice stays a slice
   * and claimed rows never sit in 'sending' long (10/s Twilio SMS: 20 rows; 80/s WhatsApp and faster: 100).
   */
  private batchSize(): number {
    const slowest = Math.min(...this.channels.all().map((a) => a.capabilities.ratePerSecond), MAX_BATCH / 2);
    return Math.max(5, Math.min(MAX_BATCH, Math.floor(slowest * 2)));
  }

  /** Stores a batch's outcomes with their audit event, in one transaction; resolves with the batch's final counts. */
  private async record(
    broadcastId: string,
    path: string | null,
    message: BroadcastMessage,
    sent: SentDelivery[],
  ): Promise<DispatchTotals> {
    const finals = sent.filter((s) => s.outcome.kind !== 'retry');
    // Once more if another batch committed the same provider id meanwhile (unique violation): the second time
    // recordOutcomes sees it and stores the later one without. A record that keeps failing leaves the batch
    // 'sending', to be sent again after DISPATCH_STALE_SECONDS: the one way a message goes out twice.
    await retryOnce(isUniqueViolation, () => this.recordBatch(broadcastId, path, message, sent, finals));
    const sentCount = finals.filter((f) => f.outcome.kind === 'sent').length;
    return { sent: sentCount, failed: finals.length - sentCount };
  }

  private async recordBatch(
    broadcastId: string,
    path: string | null,
    message: BroadcastMessage,
    sent: SentDelivery[],
    finals: SentDelivery[],
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const clashes = await this.deliveries.recordOutcomes(m, sent.map(toRecord));
      if (clashes.length) {
        this.logger.warn(
          `broadcast ${broadcastId}: ${clashes.length} deliveries sent under a provider id already recorded; their receipts cannot be matched`,
        );
      }
      const receiptOptOuts = await this.retries.applyParkedToDeliveries(
        m,
        finals.flatMap(({ d, outcome }) =>
          outcome.kind === 'sent' ? [{ channel: d.channel, providerRef: outcome.providerMessageId }] : [],
        ),
      );
      const sendOptOuts = await this.deliveries.contactPointsOf(
        m,
        finals.filter(({ outcome }) => outcome.kind === 'fail' && outcome.optedOut).map(({ d }) => d.id),
      );
      // Membership closes those contact points for good (it owns them).
      const optedOut = [...new Set([...receiptOptOuts, ...sendOptOuts])];
      await this.events.publish(m, ...optedOut.map((id) => new RecipientOptedOut(id)));
      if (!finals.length) return;
      await this.audit.record(m, {
        chainId: `broadcast:${broadcastId}`,
        type: 'broadcast.messages_sent',
        actor: SYSTEM_ACTOR,
        jurisdictionPath: path,
        subject: { broadcastId },
        body: {
          // The fingerprint of each text this batch sent, by language: equal to the approved one in broadcast.created.
          variantSha256: Object.fromEntries(
            [...new Set(finals.map((f) => f.variant))].map((l) => [l, sha256Hex(message.texts[l]!)]),
          ),
          outcomes: finals.map(({ d, outcome, variant }) => ({
            deliveryId: d.id,
            pseudonym: d.pseudonym,
            channel: d.channel,
            language: variant,
            status: outcome.kind === 'sent' ? 'sent' : 'failed',
            providerMessageId: outcome.kind === 'sent' ? outcome.providerMessageId : null,
            failure: outcome.kind === 'fail' ? outcome.failure : null,
            attempts: d.attempts,
          })),
        },
      });
    });
  }

  /** Ends this dispatch message after the batches in flight and queues the bucket's continuation. */
  private async continueLater(
    pipeline: BatchPipeline,
    broadcastId: string,
    bucket: number,
    pauseMs: number,
    because: string,
  ): Promise<DispatchResult> {
    await pipeline.drain();
    if (pauseMs) await sleep(pauseMs);
    await this.dataSource.transaction((m) => this.queue.enqueue(m, broadcastId, [bucket]));
    return { ...pipeline.totals, stoppedBecause: because };
  }

  private async completeIfDone(broadcastId: string, path: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (!(await this.broadcasts.completeIfDone(m, broadcastId))) return;
      await this.audit.record(m, {
        chainId: `broadcast:${broadcastId}`,
        type: 'broadcast.completed',
        actor: SYSTEM_ACTOR,
        jurisdictionPath: path,
        subject: { broadcastId },
        body: { outcomes: await this.deliveries.outcomeCounts(m, broadcastId) },
      });
    });
  }
}

function toRecord({ d, outcome }: SentDelivery): DeliveryRecord {
  switch (outcome.kind) {
    case 'sent':
      return { id: d.id, status: 'sent', providerMessageId: outcome.providerMessageId, failure: null };
    case 'fail':
      return { id: d.id, status: 'failed', providerMessageId: null, failure: outcome.failure };
    case 'retry':
      return {
        id: d.id,
        status: 'pending',
        failure: outcome.failure,
        retryInMs: outcome.retryInMs,
        refundAttempt: outcome.refundAttempt,
      };
  }
}

/** PostgreSQL's unique_violation (23505). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** Runs `work`, and once more when it failed in a way `retryable` accepts. */
async function retryOnce<T>(retryable: (error: unknown) => boolean, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!retryable(error)) throw error;
    return work();
  }
}
