import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditRecorder } from '@jansetu/audit';
import { ChannelName, ChannelRegistry, OutboundMessage, providerMessageRef, SendResult } from '@jansetu/channels';
import { BlindIndex, FieldCipher, Metrics, sha256Hex } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastBody, BroadcastForms, renderBody } from '../../domain/broadcast';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const BATCH = 100;
// A delivery left in 'sending' this long belongs to a dispatcher that died mid-batch; it is sent again.
const STALE_SENDING_SECONDS = 120;
const MAX_ATTEMPTS = 5;
const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

interface Claimed {
  id: string;
  channel: ChannelName;
  attempts: number;
  address_ciphertext: string;
  last_inbound_at: Date | null;
  pseudonym: string;
}

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
  ) {}

  async execute({ broadcastId }: DispatchBroadcastCommand): Promise<{ sent: number; failed: number }> {
    const [broadcast] = await this.dataSource.query<
      { body: BroadcastBody; forms: BroadcastForms; path: string | null }[]
    >(`SELECT body, forms, jurisdiction_path AS path FROM broadcast WHERE id = $1`, [broadcastId]);
    if (!broadcast) return { sent: 0, failed: 0 };
    const text = renderBody(broadcast.body);
    await this.dataSource.query(
      `UPDATE delivery SET status = 'pending' WHERE broadcast_id = $1 AND status = 'sending'
          AND updated_at < now() - make_interval(secs => $2)`,
      [broadcastId, STALE_SENDING_SECONDS],
    );
    const totals = { sent: 0, failed: 0 };
    for (;;) {
      // Several dispatchers can work one broadcast: SKIP LOCKED hands each its own rows; only due rows are claimed.
      const claimed = await this.dataSource.query<Claimed[]>(
        `WITH batch AS (
           SELECT id FROM delivery WHERE broadcast_id = $1 AND status = 'pending' AND next_attempt_at <= now()
            ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE delivery d SET status = 'sending', attempts = attempts + 1, updated_at = now()
             FROM batch, contact_point cp, citizen c
            WHERE d.id = batch.id AND cp.id = d.contact_point_id AND c.id = d.citizen_id
           RETURNING d.id, d.channel, d.attempts, cp.address_ciphertext, cp.last_inbound_at, c.pseudonym)
         SELECT * FROM claimed`,
        [broadcastId],
      );
      if (!claimed.length) {
        const wait = await this.nextDueInMs(broadcastId);
        if (wait === null) break;
        await sleep(Math.min(Math.max(wait, 50), 5000));
        continue;
      }
      const verdicts = await Promise.all(
        claimed.map(async (d) => ({ d, v: await this.sendOne(d, text, broadcast.forms) })),
      );
      await this.record(broadcastId, broadcast.path, text, verdicts);
      for (const { v } of verdicts) if (v.final) totals[v.status === 'sent' ? 'sent' : 'failed']++;
    }
    await this.dataSource.query(`UPDATE broadcast SET status = 'completed' WHERE id = $1 AND status = 'sending'`, [
      broadcastId,
    ]);
    return totals;
  }

  /** Milliseconds until the next waiting delivery is due; null when nothing is left to send. */
  private async nextDueInMs(broadcastId: string): Promise<number | null> {
    const [row] = await this.dataSource.query<{ wait: number | null; open: number }[]>(
      `SELECT (EXTRACT(EPOCH FROM min(next_attempt_at) FILTER (WHERE status = 'pending') - now()) * 1000)::float8 AS wait,
              count(*)::int AS open
         FROM delivery WHERE broadcast_id = $1 AND status IN ('pending', 'sending')`,
      [broadcastId],
    );
    if (row.open === 0) return null;
    return row.wait ?? 1000; // rows still 'sending' elsewhere: look again shortly
  }

  private async record(broadcastId: string, path: string | null, text: string, verdicts: { d: Claimed; v: Verdict }[]) {
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
  }

  private async sendOne(d: Claimed, text: string, forms: BroadcastForms): Promise<Verdict> {
    const adapter = this.channels.get(d.channel);
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
