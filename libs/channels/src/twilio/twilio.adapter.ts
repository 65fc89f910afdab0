import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import TwilioServiceException from 'twilio/lib/base/TwilioServiceException';
import type TwilioResponse from 'twilio/lib/http/response';
import type { MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message';
import {
  ChannelAdapter,
  ChannelCapabilities,
  FetchedMedia,
  OutboundMessage,
  SendResult,
} from '../channel-adapter.port';
import { contentType, MEDIA_DOWNLOAD_TIMEOUT_MS, readBounded } from '../media/bounded-download';
import { parseTwilioCode, twilioFailure } from './twilio-errors';
import type { TwilioSettings } from './twilio.provider';

export type TwilioChannel = 'sms' | 'whatsapp';

const DEFAULT_RETRY_AFTER_MS = 1000;
const TWILIO_API_ORIGIN = 'https://api.twilio.com';
/** Twilio redirects a MediaUrl once, to its storage; a few hops more are tolerated, a loop is not. */
const MAX_MEDIA_REDIRECTS = 3;

// The SDK's RestException drops response headers; each send records Retry-After here, in its own async context.
const lastResponse = new AsyncLocalStorage<{ retryAfter?: string }>();

/** The SDK's own HTTP client, which also hands the Retry-After header of the current send to `lastResponse`. */
class HeaderKeepingRequestClient extends twilio.RequestClient {
  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const response = await super.request(opts);
    const slot = lastResponse.getStore();
    const headers = response.headers as Record<string, unknown> | undefined;
    const retryAfter = headers?.['retry-after'];
    if (slot && typeof retryAfter === 'string') slot.retryAfter = retryAfter;
    return response;
  }
}

/**
 * SMS or WhatsApp through Twilio's Programmable Messaging API, with the official SDK. Provider errors never throw:
 * they become typed failures (21610 opted out, 429 throttled, 63016 window closed, 5xx and network retryable).
 */
export class TwilioAdapter implements ChannelAdapter {
  readonly capabilities: ChannelCapabilities;
  private readonly client: twilio.Twilio;
  private readonly sender: Pick<MessageListInstanceCreateOptions, 'from' | 'messagingServiceSid'>;
  private readonly statusCallback?: string;
  private readonly contentSids: Record<string, string>;
  private readonly basicAuth: string;
  /** The only origin HTTP basic auth is sent to: Twilio's API host (the fake's, in tests). */
  private readonly mediaOrigin: string;

  /** `publicBaseUrl` (PUBLIC_BASE_URL), when set, is where Twilio posts this send's status callbacks. */
  constructor(
    settings: TwilioSettings,
    readonly channel: TwilioChannel,
    publicBaseUrl?: string,
  ) {
    const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = settings;
    if (!accountSid || !authToken) throw new Error('Twilio is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
    const from = channel === 'sms' ? settings.TWILIO_SMS_FROM : settings.TWILIO_WHATSAPP_FROM;
    if (!from) throw new Error(`Twilio ${channel} is off: set TWILIO_${channel.toUpperCase()}_FROM`);
    // A Messaging Service (MG...) picks the sender from its pool, so it replaces From.
    this.sender =
      channel === 'whatsapp'
        ? { from: `whatsapp:${from}` }
        : from.startsWith('MG')
          ? { messagingServiceSid: from }
          : { from };

    // logLevel pinned: TWILIO_LOG_LEVEL=debug in the environment would make the SDK print recipients' numbers.
    this.client = twilio(accountSid, authToken, { httpClient: new HeaderKeepingRequestClient(), logLevel: 'info' });
    // Every 2010 API call is built from the `api` domain's baseUrl, so tests and staging point it at a fake.
    if (settings.TWILIO_API_BASE_URL) this.client.api.baseUrl = settings.TWILIO_API_BASE_URL.replace(/\/+$/, '');
    this.mediaOrigin = new URL(settings.TWILIO_API_BASE_URL ?? TWILIO_API_ORIGIN).origin;
    this.basicAuth = 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64');
    this.contentSids = settings.TWILIO_CONTENT_SIDS ?? {};
    if (publicBaseUrl) this.statusCallback = `${publicBaseUrl.replace(/\/+$/, '')}/webhooks/twilio/status`;

    this.capabilities =
      channel === 'sms'
        ? {
            maxLength: 1600,
            encodings: ['gsm7', 'ucs2'],
            templates: false,
            media: false,
            ratePerSecond: settings.TWILIO_SMS_RATE,
            provider: 'twilio',
          }
        : {
            maxLength: 1600,
            encodings: ['utf8'],
            templates: true,
            media: true,
            ratePerSecond: settings.TWILIO_WHATSAPP_RATE,
            provider: 'twilio',
          };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const to =
      this.channel === 'whatsapp' && !message.to.startsWith('whatsapp:') ? `whatsapp:${message.to}` : message.to;
    const params: MessageListInstanceCreateOptions = { to, ...this.sender };
    if (this.channel === 'whatsapp' && message.template) {
      // Outside the 24-hour window Twilio sends a template only by its Content SID, its parameters numbered from 1;
      // the same body again would only be refused again (63016).
      const { name, language, parameters } = message.template;
      const contentSid = this.contentSids[`${name}:${language}`];
      if (!contentSid) {
        return {
          ok: false,
          failure: 'window-closed',
          detail: `no Twilio Content SID for template ${name} (${language}): add "${name}:${language}" to TWILIO_CONTENT_SIDS`,
        };
      }
      params.contentSid = contentSid;
      params.contentVariables = JSON.stringify(
        Object.fromEntries(parameters.map((value, i) => [String(i + 1), value])),
      );
    } else {
      params.body = message.text;
    }
    if (this.statusCallback) params.statusCallback = this.statusCallback;
    const slot: { retryAfter?: string } = {};
    try {
      const created = await lastResponse.run(slot, () => this.client.messages.create(params));
      return { ok: true, providerMessageId: created.sid };
    } catch (error) {
      return this.failure(error, slot.retryAfter);
    }
  }

  /**
   * A citizen's attachment by its MediaUrl: a GET with HTTP basic auth on Twilio's API host, which redirects to
   * the content on Twilio's storage. The credentials go to that API host only: a MediaUrl elsewhere is refused
   * unsent, and a redirect off it is followed without them.
   */
  async fetchMedia(ref: string, maxBytes: number): Promise<FetchedMedia> {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      throw new Error('not a Twilio MediaUrl');
    }
    if (url.origin !== this.mediaOrigin) throw new Error(`MediaUrl is not on ${this.mediaOrigin}: not fetched`);

    let response = await this.mediaGet(url);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!location || hops === MAX_MEDIA_REDIRECTS) {
        throw new Error(`Twilio media answered ${response.status} without a usable redirect`);
      }
      const next = new URL(location, url);
      // Storage is https at Twilio; plain http only when the API host itself is (the fake, in tests).
      if (next.protocol !== 'https:' && next.protocol !== new URL(this.mediaOrigin).protocol) {
        throw new Error('Twilio media redirected off https');
      }
      url = next;
      response = await this.mediaGet(url);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as { code?: unknown } | undefined;
      const code = parseTwilioCode(body?.code);
      throw new Error(`Twilio media answered ${response.status}${code === undefined ? '' : ` (error ${code})`}`);
    }
    const bytes = await readBounded(response, maxBytes);
    return { bytes, mimeType: contentType(response) ?? 'application/octet-stream' };
  }

  /** One hop, redirects handled by the caller so that credentials never follow one to another host. */
  private async mediaGet(url: URL): Promise<Response> {
    try {
      return await fetch(url, {
        headers: url.origin === this.mediaOrigin ? { Authorization: this.basicAuth } : {},
        redirect: 'manual',
        signal: AbortSignal.timeout(MEDIA_DOWNLOAD_TIMEOUT_MS),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
      const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
      throw new Error(`Twilio media unreachable: ${name}`);
    }
  }

  private failure(error: unknown, retryAfter: string | undefined): SendResult {
    if (error instanceof twilio.RestException || error instanceof TwilioServiceException) {
      const code = parseTwilioCode(error.code);
      const failure = twilioFailure(code, error.status);
      // Twilio's message text can quote the recipient's number, so the detail keeps only code and status.
      const detail = `twilio error ${code ?? 'without code'} (HTTP ${error.status})`;
      if (failure === 'throttled') return { ok: false, failure, detail, retryAfterMs: retryAfterMs(retryAfter) };
      return { ok: false, failure, detail };
    }
    // Network and timeout errors (ECONNREFUSED, ETIMEDOUT...): Twilio may never have seen the request.
    const code = (error as { code?: unknown } | null)?.code;
    const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
    return { ok: false, failure: 'retryable', detail: `twilio unreachable: ${name}` };
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110); absent or unreadable means one second. */
function retryAfterMs(header: string | undefined): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - Date.now());
}
