import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  ChannelWebhook,
  DeliveryState,
  InboundText,
  StatusReceipt,
  WebhookOutcome,
  WebhookRequest,
} from '../channel-adapter.port';
import { placeText, sharedLocation } from '../media/shared-location';
import { metaFailure, parseMetaCode } from './meta-whatsapp-errors';
import type { MetaWhatsAppSettings } from './meta-whatsapp.provider';
import { templateStatusChange, WhatsAppTemplateCatalogue, WhatsAppTemplateStatus } from './whatsapp-templates';

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const STATES: ReadonlySet<string> = new Set<DeliveryState>(['sent', 'delivered', 'read', 'failed']);
const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;

/** Loosely typed view of Meta's payload: every field is checked before use, since the body comes from outside. */
type Json = Record<string, unknown>;

/**
 * Meta's webhook for WhatsApp: the GET subscription handshake, and POSTs signed with X-Hub-Signature-256 carrying
 * citizens' messages and delivery statuses. Meta retries for days and repeats deliveries, so the wamid is passed
 * through unchanged for the core to dedupe on.
 */
export class MetaWhatsAppWebhook implements ChannelWebhook {
  readonly channel = 'whatsapp' as const;
  readonly route = 'meta-whatsapp';
  /** Our numbers by phone number id: the default one (no line name) and those of WHATSAPP_NUMBERS. */
  private readonly lines: ReadonlyMap<string, string | undefined>;

  constructor(
    private readonly settings: Pick<
      MetaWhatsAppSettings,
      'WHATSAPP_VERIFY_TOKEN' | 'WHATSAPP_PHONE_NUMBER_ID' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_NUMBERS'
    >,
    /** Where `message_template_status_update` changes go; without it they are ignored. */
    private readonly catalogue?: WhatsAppTemplateCatalogue,
  ) {
    this.lines = new Map<string, string | undefined>([
      ...Object.entries(settings.WHATSAPP_NUMBERS ?? {}).map(([line, n]): [string, string] => [n.phoneNumberId, line]),
      [settings.WHATSAPP_PHONE_NUMBER_ID ?? '', undefined],
    ]);
  }

  handle(request: WebhookRequest): WebhookOutcome | Promise<WebhookOutcome> {
    if (request.method === 'GET') return this.verifySubscription(request.query);
    const { outcome, templates } = this.receive(request);
    if (!outcome.ok || !templates.length || !this.catalogue) return outcome;
    // A template's approval changes rarely and an update is idempotent, so it is applied here rather than queued.
    return this.catalogue.record(templates).then(() => outcome);
  }

  private verifySubscription(query: Record<string, string>): WebhookOutcome {
    const expected = this.settings.WHATSAPP_VERIFY_TOKEN;
    const token = query['hub.verify_token'];
    if (query['hub.mode'] !== 'subscribe' || !expected || token === undefined || !sameSecret(token, expected)) {
      return { ok: false, status: 403, reason: 'webhook verification refused' };
    }
    const challenge = query['hub.challenge'];
    if (!challenge) return { ok: false, status: 400, reason: 'hub.challenge is missing' };
    return { ok: true, messages: [], receipts: [], response: { contentType: 'text/plain', body: challenge } };
  }

  private receive(request: WebhookRequest): { outcome: WebhookOutcome; templates: WhatsAppTemplateStatus[] } {
    const templates: WhatsAppTemplateStatus[] = [];
    const refuse = (status: 400 | 401 | 403, reason: string) => ({
      outcome: { ok: false as const, status, reason },
      templates,
    });
    const header = request.headers['x-hub-signature-256'];
    if (!header) return refuse(401, 'X-Hub-Signature-256 is missing');
    if (!this.signatureMatches(header, request.rawBody)) {
      return refuse(403, 'X-Hub-Signature-256 does not match the body');
    }

    let payload: unknown;
    try {
      payload = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      return refuse(400, 'body is not JSON');
    }
    if (!isObject(payload) || payload.object !== 'whatsapp_business_account' || !Array.isArray(payload.entry)) {
      return refuse(400, 'not a whatsapp_business_account webhook');
    }

    const messages: InboundText[] = [];
    const receipts: StatusReceipt[] = [];
    for (const entry of payload.entry) {
      if (!isObject(entry) || !Array.isArray(entry.changes)) continue;
      for (const change of entry.changes) {
        if (isObject(change) && change.field === 'message_template_status_update') {
          const update = templateStatusChange(change.value);
          if (update) templates.push(update);
          continue;
        }
        if (!isObject(change) || change.field !== 'messages' || !isObject(change.value)) continue;
        const value = change.value;
        // One app can serve several numbers; only ours are this adapter's business.
        const numberId = isObject(value.metadata) ? value.metadata.phone_number_id : undefined;
        if (typeof numberId !== 'string' || !numberId || !this.lines.has(numberId)) continue;
        const line = this.lines.get(numberId);
        for (const message of arrayOf(value.messages)) {
          const inbound = toInbound(message);
          if (inbound) messages.push(line ? { ...inbound, line } : inbound);
        }
        for (const status of arrayOf(value.statuses)) {
          const receipt = toReceipt(status);
          if (receipt) receipts.push(receipt);
        }
      }
    }
    return { outcome: { ok: true, messages, receipts }, templates };
  }

  private signatureMatches(header: string, rawBody: Buffer): boolean {
    const secret = this.settings.WHATSAPP_APP_SECRET;
    const match = SIGNATURE.exec(header.trim());
    if (!secret || !match) return false;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
  }
}

/**
 * Messages JanSetu can read: text, button and list/button replies, media (with any caption as the text), and a
 * shared location (its name and address as the text; coordinates out of range are dropped, and with them a location
 * that carries nothing else).
 */
function toInbound(message: Json): InboundText | undefined {
  const { from, id, type } = message;
  if (typeof from !== 'string' || !/^[0-9]{6,15}$/.test(from) || typeof id !== 'string' || !id) return undefined;
  const base = { from: `+${from}`, providerMessageId: id };
  if (type === 'text' && isObject(message.text) && typeof message.text.body === 'string') {
    return { ...base, text: message.text.body };
  }
  if (type === 'button' && isObject(message.button) && typeof message.button.text === 'string') {
    return { ...base, text: message.button.text };
  }
  if (type === 'interactive' && isObject(message.interactive)) {
    const reply = message.interactive.button_reply ?? message.interactive.list_reply;
    if (isObject(reply) && typeof reply.title === 'string') return { ...base, text: reply.title };
    return undefined;
  }
  if (type === 'location' && isObject(message.location)) {
    const { latitude, longitude, name, address } = message.location;
    const location = sharedLocation(latitude, longitude);
    const text = placeText(name, address);
    if (!location && !text) return undefined;
    return location ? { ...base, text, location } : { ...base, text };
  }
  const mediaType = MEDIA_TYPES.find((t) => t === type);
  const media = mediaType ? message[mediaType] : undefined;
  if (isObject(media) && typeof media.id === 'string') {
    return { ...base, text: typeof media.caption === 'string' ? media.caption : '', mediaIds: [media.id] };
  }
  return undefined;
}

function toReceipt(status: Json): StatusReceipt | undefined {
  const { id, status: state } = status;
  if (typeof id !== 'string' || !id || typeof state !== 'string' || !STATES.has(state)) return undefined;
  const receipt: StatusReceipt = { providerMessageId: id, state: state as DeliveryState };
  if (state === 'failed') {
    const error = arrayOf(status.errors)[0];
    const code = parseMetaCode(error?.code);
    receipt.failure = metaFailure(code);
    if (code !== undefined) receipt.errorCode = String(code);
  }
  return receipt;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Compares digests so neither the content nor the length of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
