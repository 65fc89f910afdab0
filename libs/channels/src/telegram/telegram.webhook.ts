import { createHash, timingSafeEqual } from 'node:crypto';
import { ChannelWebhook, InboundText, WebhookOutcome, WebhookRequest } from '../channel-adapter.port';
import { placeText, sharedLocation } from '../media/shared-location';
import type { TelegramSettings } from './telegram.provider';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

type Json = Record<string, unknown>;

/**
 * Receives Telegram Updates posted to /webhooks/telegram (set up with setWebhook's secret_token). Only a citizen's
 * message in a private chat with the bot reaches the core; every other update is acknowledged and dropped, because
 * anything but a 200 makes Telegram retry it.
 */
export class TelegramWebhook implements ChannelWebhook {
  readonly channel = 'telegram' as const;
  readonly route = 'telegram';
  private readonly secretDigest: Buffer;

  constructor(settings: Pick<TelegramSettings, 'TELEGRAM_WEBHOOK_SECRET'>) {
    if (!settings.TELEGRAM_WEBHOOK_SECRET) throw new Error('TelegramWebhook needs TELEGRAM_WEBHOOK_SECRET');
    this.secretDigest = digest(settings.TELEGRAM_WEBHOOK_SECRET);
  }

  handle(request: WebhookRequest): WebhookOutcome {
    const given = request.headers[SECRET_HEADER];
    if (!given) return { ok: false, status: 401, reason: 'missing X-Telegram-Bot-Api-Secret-Token header' };
    // Digests have equal length, so the comparison leaks neither the secret's content nor its length.
    if (!timingSafeEqual(digest(given), this.secretDigest)) {
      return { ok: false, status: 403, reason: 'wrong X-Telegram-Bot-Api-Secret-Token' };
    }
    if (request.method !== 'POST') return { ok: false, status: 400, reason: 'Telegram delivers updates by POST' };

    let update: unknown;
    try {
      update = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return { ok: false, status: 400, reason: 'body is not JSON' };
    }
    if (!isObject(update) || !Number.isSafeInteger(update.update_id) || (update.update_id as number) < 0) {
      return { ok: false, status: 400, reason: 'not a Telegram Update: no update_id' };
    }
    // edited_message, my_chat_member (a user blocking the bot), callback_query...: acknowledged, nothing to do.
    if (update.message === undefined) return ignored();
    const message = update.message;
    if (!isObject(message) || !isObject(message.chat) || !Number.isSafeInteger(message.chat.id)) {
      return { ok: false, status: 400, reason: 'malformed message in the Update' };
    }
    // Hub and spoke: a group the bot was added to is not a citizen talking to the police.
    if (message.chat.type !== 'private') return ignored();

    const place = venueOf(message);
    const location = place?.location ?? locationOf(message.location);
    const text = inboundText(message) ?? place?.text;
    const mediaIds = mediaFileIds(message);
    // A sticker carries nothing for the core; a photo, a voice note or a location is a tip without words, as on
    // WhatsApp.
    if ((text === undefined || text.trim() === '') && !location && !mediaIds.length) return ignored();
    const inbound: InboundText = {
      from: String(message.chat.id),
      text: text ?? '',
      // update_id is Telegram's dedup key: a retried delivery of the same update carries the same id.
      providerMessageId: String(update.update_id),
    };
    if (mediaIds.length) inbound.mediaIds = mediaIds;
    if (location) inbound.location = location;
    return { ok: true, messages: [inbound], receipts: [] };
  }
}

function ignored(): WebhookOutcome {
  return { ok: true, messages: [], receipts: [] };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The words the core reads. Telegram's own commands become the keywords every channel understands: a deep link
 * t.me/<bot>?start=<code> arrives as "/start <code>" and means JOIN <code>; a bare /start (the Start button) is HELP.
 */
function inboundText(message: Json): string | undefined {
  if (typeof message.text !== 'string') return typeof message.caption === 'string' ? message.caption : undefined;
  const command = /^\/(start|help|stop)(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/i.exec(message.text.trim());
  if (!command) return message.text;
  const argument = command[2]?.trim() ?? '';
  switch (command[1].toLowerCase()) {
    case 'start':
      return argument ? `JOIN ${argument}` : 'HELP';
    case 'stop':
      return argument ? message.text : 'STOP';
    default:
      return argument ? message.text : 'HELP';
  }
}

/** file_ids of what the citizen attached; a photo comes in several sizes, of which the largest is kept. */
function mediaFileIds(message: Json): string[] {
  const ids = new Set<string>();
  if (Array.isArray(message.photo)) {
    const sizes = message.photo.filter(isObject);
    const largest = sizes.reduce<Json | undefined>(
      (best, size) => (best === undefined || area(size) >= area(best) ? size : best),
      undefined,
    );
    if (largest && typeof largest.file_id === 'string') ids.add(largest.file_id);
  }
  for (const kind of ['document', 'video', 'voice', 'audio', 'video_note', 'animation']) {
    const file = message[kind];
    if (isObject(file) && typeof file.file_id === 'string') ids.add(file.file_id);
  }
  return [...ids];
}

/** A Location object ({latitude, longitude, ...}); undefined when it is none or its coordinates are out of range. */
function locationOf(value: unknown): InboundText['location'] {
  return isObject(value) ? sharedLocation(value.latitude, value.longitude) : undefined;
}

/** A venue: a place picked from a map, with its title and address as the words. */
function venueOf(message: Json): { location: InboundText['location']; text: string } | undefined {
  const venue = message.venue;
  if (!isObject(venue)) return undefined;
  return { location: locationOf(venue.location), text: placeText(venue.title, venue.address) };
}

function area(size: Json): number {
  return (Number(size.width) || 0) * (Number(size.height) || 0);
}
