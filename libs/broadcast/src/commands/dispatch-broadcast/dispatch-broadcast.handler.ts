import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditRecorder } from '@jansetu/audit';
import {
  ChannelAdapter,
  ChannelName,
  ChannelRegistry,
  OutboundMessage,
  providerMessageRef,
  SEND_PACER,
  SendPacer,
  SendResult,
} from '@jansetu/channels';
import { APP_CONFIG, AppConfig, BlindIndex, FieldCipher, Metrics, sha256Hex } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastBody, BroadcastForms, BroadcastStatus, renderBody } from '../../domain/broadcast';
import { applyParkedReceipts } from '../../domain/delivery-receipts';
import { DispatchQueue } from '../../domain/dispatch-queue';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const MAX_BATCH = 100;
// One dispatch message works a bucket for at most this long, then queues its own continuation: the Kafka consumer
// stays well inside its session timeout, and concurrent broadcasts take turns.
const SLICE_MS = 5000;
const MAX_ATTEMPTS = 5;
// Batches in flight per bucket: the next one is claimed while the last one's sends await the provider's answers,
// so the database round trips of claim and record overlap with sending instead of stalling it.
const PIPELINE = 2;
// Slots are taken from the pacer at most this many milliseconds' worth of the provider's rate at a time: one Redis
// round trip per chunk instead of per message, and a stalled event loop can bunch at most that many sends, inside
// the 3% headroom (30 ms a second) the pacer keeps below the provider's limit.
const SLOT_CHUNK_MS = 20;
const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

interface Claimed {
  id: string;
  channel: ChannelName;
  attempts: number;
  address_ciphertext: string;
  last_inbound_at: Date | null;
  pseudonym: string;
}

type Totals = { sent: number; failed: number };

type Verdict =
  | {
      final: true;
      status: 'sent' | 'failed';
      providerMessageId: string | null;
      failure: string | null;
      optedOut: boolean;
    }
  | { final: false; retryInMs: number; failure: string };

@CommandHandler(DispatchBroadcastCommand)
export class DispatchBroadcastHandler implements ICommandHandler<DispatchBroadcastCommand> {
  private readonly logger = new Logger(DispatchBroadcastHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditRecorder,
    private readonly metrics: Metrics,
    private readonly queue: DispatchQueue,
    @Inject(SEND_PACER) private readonly pacer: SendPacer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    broadcastId,
    bucket,
  }: DispatchBroadcastCommand): Promise<{ sent: number; failed: number; stoppedBecause?: string }> {
    const [broadcast] = await this.dataSource.query<
      { body: BroadcastBody; forms: BroadcastForms; path: string | null; priority: number }[]
    >(`SELECT body, forms, jurisdiction_path AS path, priority FROM broadcast WHERE id = $1`, [broadcastId]);
    if (!broadcast) return { sent: 0, failed: 0 };
    const text = renderBody(broadcast.body);
    // A delivery left in 'sending' this long belongs to a dispatcher that died mid-batch: it is sent again. This
    // is the only source of duplicates, bounded by the batches the dead dispatcher had in flight (PIPELINE a bucket).
    await this.dataSource.query(
      `UPDATE delivery SET status = 'pending' WHERE broadcast_id = $1 AND bucket = $2 AND status = 'sending'
          AND updated_at < now() - make_interval(secs => $3)`,
      [broadcastId, bucket, this.config.DISPATCH_STALE_SECONDS],
    );
    const totals: Totals = { sent: 0, failed: 0 };
    const inFlight: Promise<Totals | { error: unknown }>[] = [];
    // Waits for the oldest batch in flight (or all of them) and adds it to the totals; rethrows its failure only
    // once nothing is in flight any more, so no batch is left sending behind a thrown error.
    const settle = async (all: boolean) => {
      let failure: { error: unknown } | undefined;
      while (inFlight.length && (all || failure || inFlight.length >= PIPELINE)) {
        const outcome = await inFlight.shift()!;
        if ('error' in outcome) {
          failure ??= outcome;
        } else {
          totals.sent += outcome.sent;
          totals.failed += outcome.failed;
        }
      }
      if (failure) throw failure.error;
    };
    const began = Date.now();
    for (;;) {
      if (Date.now() - began > SLICE_MS) {
        await settle(true);
        await this.dataSource.transaction((m) => this.queue.enqueue(m, broadcastId, [bucket]));
        return { ...totals, stoppedBecause: 'time slice used; continues' };
      }
      const stop = await this.shouldStop(broadcastId, broadcast.priority);
      if (stop === 'yield') {
        // A more urgent broadcast is going out: hand the provider budget to it and come back later.
        await settle(true);
        await sleep(500);
        await this.dataSource.transaction((m) => this.queue.enqueue(m, broadcastId, [bucket]));
        return { ...totals, stoppedBecause: 'yielded to a more urgent broadcast' };
      }
      if (stop) {
        await settle(true);
        return { ...totals, stoppedBecause: stop };
      }
      // Several dispatchers can work one broadcast: SKIP LOCKED hands each its own rows; only due rows are claimed.
      // In the order of delivery_pending_idx (broadcast, bucket, next_attempt_at), so a claim reads its 100 rows
      // and stops: ordered by id, it sorted the whole bucket each time (30,000 rows a claim at state scale).
      const claimed = await this.dataSource.query<Claimed[]>(
        `WITH batch AS (
           SELECT id FROM delivery WHERE broadcast_id = $1 AND bucket = $2 AND status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT ${this.batchSize()} FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE delivery d SET status = 'sending', attempts = attempts + 1, updated_at = now()
             FROM batch, contact_point cp, citizen c
            WHERE d.id = batch.id AND cp.id = d.contact_point_id AND c.id = d.citizen_id
           RETURNING d.id, d.channel, d.attempts, cp.address_ciphertext, cp.last_inbound_at, c.pseudonym)
         SELECT * FROM claimed`,
        [broadcastId, bucket],
      );
      if (!claimed.length) {
        if (inFlight.length) {
          await settle(true); // our own batches are still 'sending': their outcome decides what is left
          continue;
        }
        const wait = await this.nextDueInMs(broadcastId, bucket);
        if (wait === null) break;
        await sleep(Math.min(Math.max(wait, 50), 5000));
        continue;
      }
      inFlight.push(
        this.sendPaced(claimed, text, broadcast.forms)
          .then((verdicts) => this.record(broadcastId, broadcast.path, text, verdicts))
          .catch((error: unknown) => ({ error })),
      );
      await settle(false);
    }
    await this.completeIfDone(broadcastId, broadcast.path);
    return totals;
  }

  /**
   * A batch small enough to go out in about two seconds at the slowest provider's rate, so a slice stays a slice
   * and claimed rows never sit in 'sending' long (10/s Twilio SMS: 20 rows; 80/s WhatsApp and faster: 100).
   */
  private batchSize(): number {
    const slowest = Math.min(...this.channels.all().map((a) => a.capabilities.ratePerSecond), MAX_BATCH / 2);
    return Math.max(5, Math.min(MAX_BATCH, Math.floor(slowest * 2)));
  }

  /** Null to go on; 'yield' when a more urgent broadcast is sending; otherwise why this one stopped. */
  private async shouldStop(broadcastId: string, priority: number): Promise<string | null> {
    const [row] = await this.dataSource.query<{ status: BroadcastStatus; urgent: boolean }[]>(
      `SELECT status, EXISTS (SELECT 1 FROM broadcast WHERE status = 'sending' AND priority < $2) AS urgent
         FROM broadcast WHERE id = $1`,
      [broadcastId, priority],
    );
    if (row.status !== 'sending') return row.status;
    return row.urgent ? 'yield' : null;
  }

  /**
   * Sends take their slots from the pacer of their provider account in chunks of SLOT_CHUNK_MS and go out at them,
   * so a stalled event loop delays sends instead of bunching them; sends overlap while waiting for the answer.
   */
  private async sendPaced(
    claimed: Claimed[],
    text: string,
    forms: BroadcastForms,
  ): Promise<{ d: Claimed; v: Verdict }[]> {
    const byChannel = new Map<ChannelName, Claimed[]>();
    for (const d of claimed) byChannel.set(d.channel, [...(byChannel.get(d.channel) ?? []), d]);
    const results = await Promise.all(
      [...byChannel].map(async ([channel, list]) => {
        const adapter = this.channels.get(channel);
        const send = (d: Claimed) => this.sendOne(d, text, forms, adapter).then((v) => ({ d, v }));
        if (!adapter) return Promise.all(list.map(send));
        const { provider, ratePerSecond } = adapter.capabilities;
        const chunk = Math.max(1, Math.floor((ratePerSecond * SLOT_CHUNK_MS) / 1000));
        const inFlight: Promise<{ d: Claimed; v: Verdict }>[] = [];
        for (let i = 0; i < list.length; i += chunk) {
          const part = list.slice(i, i + chunk);
          const delays = await this.pacer.reserve(`${provider}:${channel}`, ratePerSecond, part.length);
          const reservedAt = performance.now();
          for (const [j, d] of part.entries()) {
            const wait = reservedAt + delays[j] - performance.now();
            if (wait >= 1) await sleep(wait);
            inFlight.push(send(d));
          }
        }
        return Promise.all(inFlight);
      }),
    );
    return results.flat();
  }

  private async completeIfDone(broadcastId: string, path: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const done = await m.query<{ id: string }[]>(
        `WITH done AS (
           UPDATE broadcast SET status = 'completed', status_changed_at = now()
            WHERE id = $1 AND status = 'sending'
              AND NOT EXISTS (SELECT 1 FROM delivery WHERE broadcast_id = $1 AND status IN ('pending', 'sending'))
           RETURNING id)
         SELECT * FROM done`,
        [broadcastId],
      );
      if (!done.length) return;
      const outcomes = await m.query<{ status: string; channel: string; n: number }[]>(
        `SELECT status, channel, count(*)::int AS n FROM delivery WHERE broadcast_id = $1 GROUP BY status, channel ORDER BY 1, 2`,
        [broadcastId],
      );
      await this.audit.record(m, {
        chainId: `broadcast:${broadcastId}`,
        type: 'broadcast.completed',
        actor: { kind: 'system', officerId: null, role: null },
        jurisdictionPath: path,
        subject: { broadcastId },
        body: { outcomes },
      });
    });
  }

  /** Milliseconds until the next waiting delivery of the bucket is due; null when nothing is left to send. */
  private async nextDueInMs(broadcastId: string, bucket: number): Promise<number | null> {
    const [row] = await this.dataSource.query<{ wait: number | null; open: number }[]>(
      `SELECT (EXTRACT(EPOCH FROM min(next_attempt_at) FILTER (WHERE status = 'pending') - now()) * 1000)::float8 AS wait,
              count(*)::int AS open
         FROM delivery WHERE broadcast_id = $1 AND bucket = $2 AND status IN ('pending', 'sending')`,
      [broadcastId, bucket],
    );
    if (row.open === 0) return null;
    return row.wait ?? 1000; // rows still 'sending' elsewhere: look again shortly
  }

  /** Stores a batch's outcomes with their audit event, in one transaction; resolves with the batch's final counts. */
  private async record(
    broadcastId: string,
    path: string | null,
    text: string,
    verdicts: { d: Claimed; v: Verdict }[],
  ): Promise<Totals> {
    const finals = verdicts.filter((x): x is { d: Claimed; v: Extract<Verdict, { final: true }> } => x.v.final);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE delivery d SET status = o.status, provider_message_id = o.provider_id, failure = o.failure,
                next_attempt_at = now() + make_interval(secs => o.retry_s), updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, status text, provider_id text, failure text, retry_s float8)
          WHERE d.id = o.id`,
        [
          JSON.stringify(
            verdicts.map(({ d, v }) =>
              v.final
                ? { id: d.id, status: v.status, provider_id: v.providerMessageId, failure: v.failure, retry_s: 0 }
                : { id: d.id, status: 'pending', provider_id: null, failure: v.failure, retry_s: v.retryInMs / 1000 },
            ),
          ),
        ],
      );
      await applyParkedReceipts(
        m,
        finals.map((f) => f.v.providerMessageId).filter((ref): ref is string => ref !== null),
      );
      const optedOut = finals.filter((f) => f.v.optedOut).map((f) => f.d.id);
      if (optedOut.length) {
        await m.query(
          `UPDATE contact_point SET opted_out_at = now(), active = false
            WHERE id IN (SELECT contact_point_id FROM delivery WHERE id = ANY($1::uuid[]))`,
          [optedOut],
        );
      }
      if (!finals.length) return;
      await this.audit.record(m, {
        chainId: `broadcast:${broadcastId}`,
        type: 'broadcast.messages_sent',
        actor: { kind: 'system', officerId: null, role: null },
        jurisdictionPath: path,
        subject: { broadcastId },
        body: {
          contentSha256: sha256Hex(text),
          outcomes: finals.map(({ d, v }) => ({
            deliveryId: d.id,
            pseudonym: d.pseudonym,
            channel: d.channel,
            status: v.status,
            providerMessageId: v.providerMessageId,
            failure: v.failure,
            attempts: d.attempts,
          })),
        },
      });
    });
    const sent = finals.filter((f) => f.v.status === 'sent').length;
    return { sent, failed: finals.length - sent };
  }

  private async sendOne(
    d: Claimed,
    text: string,
    forms: BroadcastForms,
    adapter: ChannelAdapter | undefined,
  ): Promise<Verdict> {
    if (!adapter) return this.fail(d, 'permanent', `channel ${d.channel} is off`);
    const message: OutboundMessage = {
      to: this.cipher.decrypt(d.address_ciphertext),
      text,
      dltTemplateId: forms.smsDltTemplateId,
    };
    // WhatsApp allows free text only within 24 hours of the citizen's last message; outside it, the approved template.
    const windowOpen =
      d.last_inbound_at !== null && Date.now() - new Date(d.last_inbound_at).getTime() < WHATSAPP_WINDOW_MS;
    if (d.channel === 'whatsapp' && !windowOpen) {
      if (!forms.whatsappTemplate) return this.fail(d, 'window-closed', 'no WhatsApp template for a closed window');
      message.template = forms.whatsappTemplate;
    }
    let result = await this.trySend(adapter.send.bind(adapter), message);
    if (!result.ok && result.failure === 'window-closed' && !message.template && forms.whatsappTemplate) {
      result = await this.trySend(adapter.send.bind(adapter), { ...message, template: forms.whatsappTemplate });
    }
    this.metrics.messagesSent.inc({ channel: d.channel, outcome: result.ok ? 'sent' : result.failure });
    if (result.ok) {
      const ref = providerMessageRef(this.blindIndex, result.providerMessageId);
      return { final: true, status: 'sent', providerMessageId: ref, failure: null, optedOut: false };
    }
    if (result.failure === 'throttled') {
      // The provider's own delay, not ours; a throttled attempt does not count against the retry budget.
      await this.dataSource.query(`UPDATE delivery SET attempts = attempts - 1 WHERE id = $1`, [d.id]);
      return { final: false, retryInMs: result.retryAfterMs ?? 1000, failure: 'throttled' };
    }
    if (result.failure === 'retryable' && d.attempts < MAX_ATTEMPTS) {
      return { final: false, retryInMs: 1000 * 2 ** d.attempts, failure: 'retryable' };
    }
    return this.fail(d, result.failure, result.detail);
  }

  private fail(d: Claimed, failure: string, detail: string): Verdict {
    this.logger.warn(`delivery ${d.id} on ${d.channel} failed: ${failure} (${detail})`);
    return {
      final: true,
      status: 'failed',
      providerMessageId: null,
      failure,
      optedOut: failure === 'recipient-opted-out',
    };
  }

  private async trySend(
    send: (m: OutboundMessage) => Promise<SendResult>,
    message: OutboundMessage,
  ): Promise<SendResult> {
    return send(message).catch((e: Error): SendResult => ({ ok: false, failure: 'retryable', detail: e.message }));
  }
}
