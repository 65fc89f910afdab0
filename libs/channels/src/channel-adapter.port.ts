/** Channels JanSetu speaks; an adapter folder per provider implements one of them. */
export type ChannelName = 'simulator' | 'sms' | 'whatsapp' | 'telegram';

export interface ChannelCapabilities {
  maxLength: number;
  encodings: ('gsm7' | 'ucs2' | 'utf8')[];
  templates: boolean;
  media: boolean;
  /** Sustained messages per second this provider account allows (from configuration). */
  ratePerSecond: number;
}

export interface OutboundMessage {
  to: string;
  text: string;
}

export type SendFailure = 'throttled' | 'retryable' | 'permanent' | 'recipient-opted-out' | 'window-closed';

export type SendResult =
  { ok: true; providerMessageId: string } | { ok: false; failure: SendFailure; detail: string; retryAfterMs?: number };

/** The port the core sends through; it never sees a provider SDK. */
export interface ChannelAdapter {
  readonly channel: ChannelName;
  readonly capabilities: ChannelCapabilities;
  send(message: OutboundMessage): Promise<SendResult>;
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');

/** A citizen's message as every channel's webhook normalises it. */
export interface InboundMessage {
  channel: ChannelName;
  /** Sender address, sealed with the field cipher before it leaves the webhook. */
  fromSealed: string;
  text: string;
  providerMessageId: string;
  receivedAt: string;
}
