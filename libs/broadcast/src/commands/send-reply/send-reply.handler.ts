import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import {
  ChannelName,
  ChannelRegistry,
  paceKey,
  providerMessageRef,
  RecipientOptedOut,
  SEND_PACER,
  SendPacer,
  SendResult,
} from '@jansetu/channels';
import {
  APP_CONFIG,
  AppConfig,
  BlindIndex,
  DataKeys,
  DomainEvents,
  IdempotentConsumer,
  Metrics,
  sha256Hex,
  ShreddedError,
} from '@jansetu/platform';
import { AutoReply } from '../../domain/auto-reply';
import { ReplyDeliveryChanged } from '../../events/reply-delivery-changed.event';
import { AudienceRepository, ReplyContact } from '../../persistence/audience.repository';
import { HeldReplyRepository } from '../../persistence/held-replies.repository';
import { ReceiptRepository } from '../../persistence/receipt.repository';
import { SendReplyCommand } from './send-reply.command';
import { ReceiptRetries } from '../record-delivery-status/receipt-retries';

const REPLY_ATTEMPTS = 3;
/** Failures that pass: a reply that meets one is held and tried again, not failed. */
const TRANSIENT: readonly string[] = ['throttled', 'retryable', 'unavailable'];

@CommandHandler(SendReplyCommand)
export class SendReplyHandler implements ICommandHandler<SendReplyCommand> {
  constructor(
    private readonly audience: AudienceRepository,
    private readonly idempotent: IdempotentConsumer,
    private readonly channels: ChannelRegistry,
    private readonly keys: DataKeys,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditRecorder,
    private readonly metrics: Metrics,
    @Inject(SEND_PACER) private readonly pacer: SendPacer,
    private readonly receipts: ReceiptRepository,
    private readonly events: DomainEvents,
    private readonly held: HeldReplyRepository,
    private readonly retries: ReceiptRetries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ messageId, reply }: SendReplyCommand): Promise<{ sent: boolean; held?: true }> {
    const contact = await this.resolve(reply);
    // Nobody to send it to any more (the contact point closed, the citizen erased): a held copy waits no more.
    if (!contact) return this.nothingToSend(messageId);
    // Sent at least once: a crash after the send and before the commit below sends it again on redelivery.
    // The send happens outside any transaction (embedded mode has a single connection, and no lock waits on I/O).
    if (await this.idempotent.seen('broadcast.reply', messageId)) return this.nothingToSend(messageId);
    const to = await this.keys.open(contact.address_ciphertext).catch((e: unknown) => {
      // The citizen erased themselves since the reply was queued: it cannot (and must not) reach them any more.
      if (e instanceof ShreddedError) return undefined;
      throw e;
    });
    if (to === undefined) return this.nothingToSend(messageId);
    // From the WhatsApp number the citizen wrote to; otherwise the channel's lines in order, the next one taking
    // over while one is down (its circuit open: nothing was sent there).
    const lines = this.channels.route(contact.channel, { line: contact.last_inbound_line ?? undefined });
    // A throttled or failing provider gets a few more tries, at the delay it asked for or with backoff: a STOP
    // confirmation or the 112 advice must not be lost to one 429.
    let result: SendResult = { ok: false, failure: 'permanent', detail: `channel ${contact.channel} is off` };
    for (let attempt = 1; lines.length && attempt <= REPLY_ATTEMPTS; attempt++) {
      for (const line of lines) {
        const [delay] = await this.pacer.reserve(paceKey(line), line.capabilities.ratePerSecond, 1);
        await sleep(delay);
        result = await line
          .send({ to, text: reply.text })
          .catch((e: Error): SendResult => ({ ok: false, failure: 'retryable', detail: e.message }));
        if (result.ok || result.failure !== 'unavailable') break;
      }
      if (result.ok || !TRANSIENT.includes(result.failure)) break;
      // A provider whose circuit is open is asked again within seconds, never after its whole cool-down: the
      // consumer must stay responsive. A longer outage holds the reply (below).
      if (attempt < REPLY_ATTEMPTS) await sleep(Math.min(result.retryAfterMs ?? 1000 * 2 ** attempt, 5000));
    }
    // The provider is down or keeps failing: held and tried again by the dispatcher's job, with backoff, until
    // REPLY_HOLD_MINUTES after the first failure. Nothing is recorded yet: the reply is neither sent nor failed.
    if (
      !result.ok &&
      TRANSIENT.includes(result.failure) &&
      (await this.held.hold(messageId, reply, result.failure, this.config.REPLY_HOLD_MINUTES))
    ) {
      this.metrics.messagesSent.inc({ channel: contact.channel, outcome: 'held' });
      return { sent: false, held: true };
    }
    this.metrics.messagesSent.inc({ channel: contact.channel, outcome: result.ok ? 'sent' : result.failure });
    const providerRef = result.ok ? providerMessageRef(this.blindIndex, result.providerMessageId) : null;
    const outcome = await this.idempotent.once('broadcast.reply', messageId, async (m) => {
      await this.audit.record(m, {
        // Someone JanSetu keeps nothing about still gets an audited reply, on a chain of its own.
        chainId: reply.pseudonym ? `citizen:${reply.pseudonym}` : `reply:${messageId}`,
        type: 'auto_reply.sent',
        actor: SYSTEM_ACTOR,
        jurisdictionPath: reply.jurisdictionPath,
        subject: reply.pseudonym ? { pseudonym: reply.pseudonym } : {},
        body: {
          reason: reply.reason,
          channel: contact.channel,
          content: reply.text,
          contentSha256: sha256Hex(reply.text),
          status: result.ok ? 'sent' : 'failed',
          providerMessageId: providerRef,
          failure: result.ok ? null : result.failure,
          // On DLT SMS: the registered templates it went under (several parts for an officer's long reply).
          ...(result.ok && result.dltTemplateIds ? { dltTemplateIds: result.dltTemplateIds } : {}),
        },
      });
      // Its receipts apply to it from now on (and those that beat this record, now); what it answers is told.
      await this.receipts.recordReplySend(m, {
        messageId,
        ref: reply.ref ?? null,
        contactPointId: reply.toSealed ? null : (reply.contactPointId ?? null),
        // Kept so a receipt that says "try again" can send it again, a sealed address too: if the citizen erased
        // themselves meanwhile, its key is gone and the resend finds nobody to send to (ShreddedError above).
        payload: result.ok ? reply : null,
        attempt: reply.attempt ?? 1,
        reason: reply.reason,
        channel: contact.channel,
        providerRef,
        status: result.ok ? 'sent' : 'failed',
        // The kind only: a provider's detail can quote the recipient's number.
        failure: result.ok ? null : result.failure,
      });
      const changes = providerRef
        ? await this.retries.applyParkedToReply(m, { channel: contact.channel, providerRef })
        : [];
      // The provider says the citizen opted out (at once, or in a receipt that beat this record): membership
      // closes the contact point, so nothing more is sent there.
      const optedOut =
        !result.ok && result.failure === 'recipient-opted-out' && !reply.toSealed
          ? (reply.contactPointId ?? null)
          : (changes.find((c) => c.optedOut)?.optedOut ?? null);
      if (optedOut) await this.events.publish(m, new RecipientOptedOut(optedOut));
      if (reply.ref) {
        const last = changes.at(-1) ?? {
          status: result.ok ? 'sent' : 'failed',
          failure: result.ok ? null : result.failure,
        };
        await this.events.publish(
          m,
          new ReplyDeliveryChanged(reply.ref, last.status as ReplyDeliveryChanged['status'], last.failure),
        );
      }
      await this.held.release(m, messageId);
      // A key of its own (the ERASE confirmation's) is shredded once the reply is out.
      if (result.ok && reply.toSealed) await this.keys.destroyEphemeralOf(reply.toSealed, m);
      return result.ok;
    });
    return { sent: outcome === true };
  }

  private async nothingToSend(messageId: string): Promise<{ sent: false }> {
    await this.held.drop(messageId);
    return { sent: false };
  }

  private async resolve(reply: AutoReply): Promise<ReplyContact | undefined> {
    if (reply.toSealed && reply.channel)
      return { channel: reply.channel as ChannelName, address_ciphertext: reply.toSealed };
    if (!reply.contactPointId) return undefined;
    return this.audience.activeContactPoint(reply.contactPointId);
  }
}
