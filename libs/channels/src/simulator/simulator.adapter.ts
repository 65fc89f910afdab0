import { BlindIndex } from '@jansetu/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ChannelAdapter,
  ChannelCapabilities,
  FetchedMedia,
  MediaTooLargeError,
  OutboundMessage,
  SendResult,
} from '../channel-adapter.port';
import type { SimulatorSettings } from './simulator.provider';

/**
 * A local channel for evaluation and tests: "sending" records the message, addressed by blind index only, where
 * GET /simulator/messages shows it. Citizens are played by POST /webhooks/simulator.
 */
export class SimulatorAdapter implements ChannelAdapter {
  readonly channel = 'simulator' as const;
  readonly capabilities: ChannelCapabilities;

  constructor(
    private readonly dataSource: DataSource,
    private readonly blindIndex: BlindIndex,
    settings: SimulatorSettings,
  ) {
    this.capabilities = {
      maxLength: 4096,
      encodings: ['utf8'],
      templates: false,
      media: false,
      ratePerSecond: settings.SIMULATOR_RATE,
      provider: 'simulator',
    };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const providerMessageId = `SIM${randomUUID().replace(/-/g, '')}`;
    // The moment the message left JanSetu, as a provider would see it arrive (not when the row was written).
    const sentAt = new Date();
    await this.dataSource.query(
      `INSERT INTO simulator_message (provider_message_id, address_hash, text, sent_at) VALUES ($1, $2, $3, $4)`,
      [providerMessageId, this.blindIndex.hash(this.channel, message.to), message.text, sentAt],
    );
    return { ok: true, providerMessageId };
  }

  /** A simulated citizen attaches something: kept until fetched, as a provider keeps media; returns its reference. */
  async addMedia(bytes: Buffer, mimeType: string): Promise<string> {
    const id = `simmedia-${randomUUID()}`;
    await this.dataSource.query(`INSERT INTO simulator_media (id, mime_type, bytes) VALUES ($1, $2, $3)`, [
      id,
      mimeType,
      bytes,
    ]);
    return id;
  }

  async fetchMedia(ref: string, maxBytes: number): Promise<FetchedMedia> {
    const [row] = await this.dataSource.query<{ mime_type: string; bytes: Buffer; size: number }[]>(
      `SELECT mime_type, CASE WHEN octet_length(bytes) <= $2 THEN bytes END AS bytes, octet_length(bytes) AS size
         FROM simulator_media WHERE id = $1`,
      [ref, maxBytes],
    );
    if (!row) throw new Error(`simulator: no media ${ref}`);
    if (row.size > maxBytes) throw new MediaTooLargeError(maxBytes);
    return { bytes: row.bytes, mimeType: row.mime_type };
  }

  /** What the simulator delivered to one address, oldest first. */
  async sentTo(address: string, limit = 50): Promise<{ providerMessageId: string; text: string; sentAt: Date }[]> {
    return this.dataSource.query(
      `SELECT provider_message_id AS "providerMessageId", text, sent_at AS "sentAt"
         FROM simulator_message WHERE address_hash = $1 ORDER BY seq LIMIT $2`,
      [this.blindIndex.hash(this.channel, address), limit],
    );
  }
}
