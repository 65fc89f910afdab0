import twilio from 'twilio';
import {
  ChannelWebhook,
  DeliveryState,
  InboundText,
  StatusReceipt,
  WebhookOutcome,
  WebhookRequest,
} from '../channel-adapter.port';
import { placeText, sharedLocation } from '../media/shared-location';
import { parseTwilioCode, twilioFailure } from './twilio-errors';
import type { TwilioSettings } from './twilio.provider';

export type TwilioRoute = 'twilio-sms' | 'twilio-whatsapp' | 'twilio-status';

type FormParams = Record<string, string | string[]>;

/** Twilio reads the reply to an inbound message as TwiML; an empty Response sends nothing back by itself. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

const WHATSAPP_PREFIX = 'whatsapp:';

const RECEIPT_STATES: Partial<Record<string, DeliveryState>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};

/**
 * Twilio's Messaging webhooks: inbound SMS, inbound WhatsApp and status callbacks. Every call must carry
 * X-Twilio-Signature over the public URL and the POST parameters, checked before anything in it is used.
 */
export class TwilioWebhook implements ChannelWebhook {
  readonly channel: 'sms' | 'whatsapp';
  private readonly authToken: string;

  constructor(
    settings: Pick<TwilioSettings, 'TWILIO_AUTH_TOKEN'>,
    readonly route: TwilioRoute,
  ) {
    if (!settings.TWILIO_AUTH_TOKEN) throw new Error('Twilio webhooks are off: set TWILIO_AUTH_TOKEN');
    this.authToken = settings.TWILIO_AUTH_TOKEN;
    // One status URL serves both channels; a receipt only needs the provider message id to find its delivery.
    this.channel = route === 'twilio-whatsapp' ? 'whatsapp' : 'sms';
  }

  handle(request: WebhookRequest): WebhookOutcome {
    const signature = request.headers['x-twilio-signature'];
    if (!signature) return { ok: false, status: 401, reason: 'missing X-Twilio-Signature' };
    // The signature covers the decoded form parameters, so they are decoded here but read only once it holds.
    const params = request.method === 'POST' ? decodeForm(request.rawBody) : {};
    if (!this.signatureHolds(signature, request.publicUrl, params)) {
      return { ok: false, status: 403, reason: 'X-Twilio-Signature does not match' };
    }
    return this.route === 'twilio-status' ? statusOutcome(params) : this.inboundOutcome(params);
  }

  private signatureHolds(signature: string, publicUrl: string, params: FormParams): boolean {
    try {
      // The SDK compares in constant time and tries the URL with and without its default port, as Twilio may sign.
      return twilio.validateRequest(this.authToken, signature, publicUrl, params);
    } catch {
      return false; // an unparseable URL cannot be the one Twilio signed
    }
  }

  private inboundOutcome(params: FormParams): WebhookOutcome {
    const sid = first(params, 'MessageSid');
    const sender = first(params, 'From');
    if (!sid || !sender) return { ok: false, status: 400, reason: 'MessageSid and From are required' };
    const isWhatsApp = sender.startsWith(WHATSAPP_PREFIX);
    if (isWhatsApp !== (this.channel === 'whatsapp')) {
      return { ok: false, status: 400, reason: `a message of another channel reached the ${this.route} webhook` };
    }
    // A WhatsApp location comes with an empty Body and Latitude / Longitude, a pinned place also Label / Address.
    const body = first(params, 'Body') ?? '';
    const message: InboundText = {
      from: isWhatsApp ? sender.slice(WHATSAPP_PREFIX.length) : sender,
      text: body.trim() ? body : placeText(first(params, 'Label'), first(params, 'Address')) || body,
      providerMessageId: sid,
    };
    const location = sharedLocation(first(params, 'Latitude'), first(params, 'Longitude'));
    if (location) message.location = location;
    const numMedia = Number(first(params, 'NumMedia') ?? '0');
    if (Number.isInteger(numMedia) && numMedia > 0) {
      const media = Array.from({ length: Math.min(numMedia, 10) }, (_, i) => first(params, `MediaUrl${i}`));
      message.mediaIds = media.filter((url): url is string => !!url);
    }
    return {
      ok: true,
      messages: [message],
      receipts: [],
      response: { contentType: 'text/xml', body: EMPTY_TWIML },
    };
  }
}

function statusOutcome(params: FormParams): WebhookOutcome {
  const sid = first(params, 'MessageSid') ?? first(params, 'SmsSid');
  if (!sid) return { ok: false, status: 400, reason: 'MessageSid is required' };
  // From/To starting with 'whatsapp:' mark a WhatsApp message; the receipt needs only the sid to find its delivery.
  const status = first(params, 'MessageStatus') ?? first(params, 'SmsStatus') ?? '';
  const state = RECEIPT_STATES[status];
  // queued, sending, accepted, scheduled, canceled...: steps before an outcome, nothing to record.
  if (!state) return { ok: true, messages: [], receipts: [] };
  const receipt: StatusReceipt = { providerMessageId: sid, state };
  if (state === 'failed') {
    const errorCode = first(params, 'ErrorCode');
    receipt.failure = twilioFailure(parseTwilioCode(errorCode));
    if (errorCode) receipt.errorCode = errorCode;
  }
  return { ok: true, messages: [], receipts: [receipt] };
}

/** application/x-www-form-urlencoded, where a key may repeat (Twilio signs each of its values). */
function decodeForm(rawBody: Buffer): FormParams {
  const params = Object.create(null) as FormParams; // no prototype: a key such as __proto__ stays a plain key
  for (const [key, value] of new URLSearchParams(rawBody.toString('utf8'))) {
    const seen = params[key];
    if (seen === undefined) params[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else params[key] = [seen, value];
  }
  return params;
}

function first(params: FormParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}
