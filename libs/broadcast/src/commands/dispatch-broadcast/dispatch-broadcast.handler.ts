import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { ChannelName, ChannelRegistry, SendResult } from '@jansetu/channels';
import { FieldCipher, Metrics, sha256Hex } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastBody, renderBody } from '../../domain/broadcast';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const BATCH = 100;
// A delivery left in 'sending' this long belongs to a dispatcher that died mid-batch; it is sent again.
const STALE_SENDING_SECONDS = 120;

interface Claimed {
  id: string;
  channel: ChannelName;
  address_ciphertext: string;
  pseudonym: string;
}

@CommandHandler(DispatchBroadcastCommand)
export class DispatchBroadcastHandler implements ICommandHandler<DispatchBroadcastCommand> {
  private readonly logger = new Logger(DispatchBroadcastHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditRecorder,
    private readonly metrics: Metrics,
  ) {}

  async execute({ broadcastId }: DispatchBroadcastCommand): Promise<{ sent: number; failed: number }> {
    const [broadcast] = await this.dataSource.query<{ body: BroadcastBody; path: string | null }[]>(
      `SELECT body, jurisdiction_path AS path FROM broadcast WHERE id = $1`,
      [broadcastId],
    );
    if (!broadcast) return { sent: 0, failed: 0 };
    const text = renderBody(broadcast.body);
    const path = broadcast.path;
    await this.dataSource.query(
      `UPDATE delivery SET status = 'pending' WHERE broadcast_id = $1 AND status = 'sending'
          AND updated_at < now() - make_interval(secs => $2)`,
      [broadcastId, STALE_SENDING_SECONDS],
    );
    const totals = { sent: 0, failed: 0 };
    for (;;) {
      // Several dispatchers can work one broadcast: SKIP LOCKED hands each its own rows.
      const claimed: Claimed[] = await this.dataSource.query(
        `WITH batch AS (
           SELECT id FROM delivery WHERE broadcast_id = $1 AND status = 'pending' ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE delivery d SET status = 'sending', attempts = attempts + 1, updated_at = now()
             FROM batch, contact_point cp, citizen c
            WHERE d.id = batch.id AND cp.id = d.contact_point_id AND c.id = d.citizen_id
           RETURNING d.id, d.channel, cp.address_ciphertext, c.pseudonym)
         SELECT * FROM claimed`,
        [broadcastId],
      );
      if (!claimed.length) break;
      const outcomes = await Promise.all(claimed.map((d) => this.sendOne(d, text)));
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE delivery d SET status = o.status, provider_message_id = o.provider_id, failure = o.failure, updated_at = now()
             FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, status text, provider_id text, failure text)
            WHERE d.id = o.id`,
          [
            JSON.stringify(
              outcomes.map((o) => ({
                id: o.deliveryId,
                status: o.status,
                provider_id: o.providerMessageId,
                failure: o.failure,
              })),
            ),
          ],
        );
        await this.audit.record(m, {
          chainId: `broadcast:${broadcastId}`,
          type: 'broadcast.messages_sent',
          actor: { kind: 'system', officerId: null, role: null },
          jurisdictionPath: path,
          subject: { broadcastId },
          body: {
            contentSha256: sha256Hex(text),
            outcomes: outcomes.map(({ deliveryId, pseudonym, channel, status, providerMessageId, failure }) => ({
              deliveryId,
              pseudonym,
              channel,
              status,
              providerMessageId,
              failure,
            })),
          },
        });
      });
      for (const o of outcomes) totals[o.status === 'sent' ? 'sent' : 'failed']++;
    }
    const [{ open }] = await this.dataSource.query<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM delivery WHERE broadcast_id = $1 AND status IN ('pending','sending')`,
      [broadcastId],
    );
    if (open === 0)
      await this.dataSource.query(`UPDATE broadcast SET status = 'completed' WHERE id = $1 AND status = 'sending'`, [
        broadcastId,
      ]);
    return totals;
  }

  private async sendOne(d: Claimed, text: string) {
    const adapter = this.channels.get(d.channel);
    const result: SendResult = adapter
      ? await adapter
          .send({ to: this.cipher.decrypt(d.address_ciphertext), text })
          .catch((e: Error): SendResult => ({ ok: false, failure: 'retryable', detail: e.message }))
      : { ok: false, failure: 'permanent', detail: `channel ${d.channel} is off` };
    this.metrics.messagesSent.inc({ channel: d.channel, outcome: result.ok ? 'sent' : result.failure });
    if (!result.ok) this.logger.warn(`delivery ${d.id} on ${d.channel} failed: ${result.failure} ${result.detail}`);
    return {
      deliveryId: d.id,
      pseudonym: d.pseudonym,
      channel: d.channel,
      status: result.ok ? ('sent' as const) : ('failed' as const),
      providerMessageId: result.ok ? result.providerMessageId : null,
      failure: result.ok ? null : result.failure,
    };
  }
}
