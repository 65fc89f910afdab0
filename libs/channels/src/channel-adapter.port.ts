/** Channels JanSetu speaks, in the order start-up reports them; a provider folder implements one or more. */
export const CHANNEL_NAMES = ['simulator', 'sms', 'whatsapp', 'telegram'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export interface ChannelCapabilities {
  maxLength: number;
  encodings: ('gsm7' | 'ucs2' | 'utf8')[];
  templates: boolean;
  media: boolean;
  /** Sustained messages per second this provider account allows (from configuration). */
  ratePerSecond: number;
  /** Provider name, for logs and metrics: 'twilio', 'meta', 'telegram', 'dlt', 'simulator'. */
  provider: string;
  /**
   * The sending line when a provider has several on one channel (a named WhatsApp number of WHATSAPP_NUMBERS);
   * absent for the provider's default line. Routes name it, and it is paced and circuit-broken on its own.
   */
  line?: string;
}

/** The name CHANNEL_ROUTES uses for an adapter: its line, else its provider. */
export const routeName = (adapter: ChannelAdapter): string =>
  adapter.capabilities.line ?? adapter.capabilities.provider;

/** The provider account an adapter's sends are paced on: one key per provider, channel and line. */
export const paceKey = (adapter: ChannelAdapter): string => {
  const { provider, line } = adapter.capabilities;
  return line ? `${provider}:${adapter.channel}:${line}` : `${provider}:${adapter.channel}`;
};

export interface OutboundMessage {
  /** The citizen's address on this channel: +E.164 for SMS and WhatsApp, the chat id for Telegram. */
  to: string;
  text: string;
  /** WhatsApp: the approved template to use when the 24-hour customer-service window is closed. */
  template?: { name: string; language: string; parameters: string[] };
  /** Indian SMS: the TRAI DLT content-template id this text was registered under. */
  dltTemplateId?: string;
}

/** 'unavailable': the provider's circuit is open (it is down); the send was held, not attempted or not counted. */
export type SendFailure =
  'throttled' | 'retryable' | 'permanent' | 'recipient-opted-out' | 'window-closed' | 'unavailable';

export type SendResult =
  | {
      ok: true;
      providerMessageId: string;
      /** DLT SMS: the registered templates it went under, one per part (an officer's long reply takes several). */
      dltTemplateIds?: string[];
    }
  | { ok: false; failure: SendFailure; detail: string; retryAfterMs?: number };

/** The port the core sends through; it never sees a provider SDK. */
export interface ChannelAdapter {
  readonly channel: ChannelName;
  readonly capabilities: ChannelCapabilities;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * For a channel that carries only registered templates (DLT SMS): why this text would be refused, or null when it
   * would go out. Lets a preview say so before approval instead of the provider after sending.
   */
  checkText?(message: Pick<OutboundMessage, 'text' | 'dltTemplateId'>): string | null;
  /**
   * For WhatsApp outside the 24-hour window: why this template would not be sent (not approved at Meta in that
   * language), or null when it would. Lets a preview say so before approval.
   */
  checkTemplate?(template: { name: string; language: string }): Promise<string | null>;
  /**
   * Downloads a citizen's attachment (photo, voice note, video, document) by the reference its webhook gave
   * (`InboundText.mediaIds`): the provider's bytes and the type it declares. Throws MediaTooLargeError, without
   * reading the rest, past `maxBytes`; throws on any other failure (the caller retries or gives up).
   */
  fetchMedia?(ref: string, maxBytes: number): Promise<FetchedMedia>;
}

/** An inbound attachment as the provider served it (not yet checked: the declared type may lie). */
export interface FetchedMedia {
  bytes: Buffer;
  mimeType: string;
}

/** The attachment is larger than JanSetu keeps; nothing was stored. */
export class MediaTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`media larger than ${maxBytes} bytes`);
  }
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');

/** A provider's webhook call, as the gateway received it. */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  /** The URL the provider called, as the provider saw it: PUBLIC_BASE_URL + path (+ query). Twilio signs it. */
  publicUrl: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer;
  query: Record<string, string>;
}

/** A citizen's message, normalised; the address is in clear only until ReceiveInboundMessageCommand seals it. */
export interface InboundText {
  from: string;
  text: string;
  providerMessageId: string;
  mediaIds?: string[];
  /** A shared location (WhatsApp location message, Telegram location, Twilio Latitude/Longitude). */
  location?: { latitude: number; longitude: number };
  /** The line the citizen wrote to, when it is not the provider's default one (a named WhatsApp number). */
  line?: string;
}

export type DeliveryState = 'sent' | 'delivered' | 'read' | 'failed';

/** A provider's delivery receipt, normalised. */
export interface StatusReceipt {
  providerMessageId: string;
  state: DeliveryState;
  /** For failures: how the provider's error maps onto our failure kinds. */
  failure?: SendFailure;
  errorCode?: string;
}

export type WebhookOutcome =
  | { ok: false; status: 400 | 401 | 403; reason: string }
  | {
      ok: true;
      messages: InboundText[];
      receipts: StatusReceipt[];
      /** What to answer the provider with (Meta's hub.challenge, Twilio's empty TwiML); default an empty 200. */
      response?: { contentType: string; body: string };
    };

/**
 * The inbound half of an adapter: verifies the provider's signature before anything else, then parses the call.
 * It never throws on bad input: a bad signature is 401/403, a malformed body 400.
 */
export interface ChannelWebhook {
  readonly channel: ChannelName;
  /** The route key: 'twilio-sms', 'twilio-whatsapp', 'twilio-status', 'meta-whatsapp', 'telegram', 'dlt-sms'. */
  readonly route: string;
  handle(request: WebhookRequest): WebhookOutcome | Promise<WebhookOutcome>;
}

export const CHANNEL_WEBHOOKS = Symbol('CHANNEL_WEBHOOKS');

/** A citizen's message as every channel's webhook normalises it. */
export interface InboundMessage {
  channel: ChannelName;
  /** Sender address, sealed under the sender's data key (DataKeys) before it leaves the webhook. */
  fromSealed: string;
  text: string;
  providerMessageId: string;
  receivedAt: string;
  /** The named line (WhatsApp number) the citizen wrote to; absent for the provider's default one. */
  line?: string;
  /** Attachments' provider references and a shared location (JSON InboundMedia), sealed under the sender's key. */
  mediaSealed?: string;
}

/** What came with a message besides its words: provider references of attachments, and a shared location. */
export interface InboundMedia {
  /** The provider whose webhook gave the references (`capabilities.provider`): only it can fetch them. */
  provider?: string;
  mediaIds: string[];
  location?: { latitude: number; longitude: number };
}

/**
 * An inbound message as jansetu.inbound.v1 carries it: address and words sealed under the sender's data key, so an
 * ERASE makes every copy on the topic, in the outbox and on the database bus unreadable at once.
 */
export type InboundWireMessage = Omit<InboundMessage, 'text'> & { textSealed: string };
