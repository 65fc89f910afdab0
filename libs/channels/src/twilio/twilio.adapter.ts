import {
  ChannelAdapter,
  ChannelCapabilities,
  FetchedMedia,
  OutboundMessage,
  SendResult,
} from '../channel-adapter.port';
import {
  parseJson,
  pooledHttp,
  ProviderHttp,
  ProviderResponse,
  retryAfterMs,
  transportErrorName,
} from '../http/provider-http';
import { contentType, MEDIA_DOWNLOAD_TIMEOUT_MS, readBounded } from '../media/bounded-download';
import { parseTwilioCode, twilioFailure } from './twilio-errors';
import type { TwilioSettings } from './twilio.provider';

export type TwilioChannel = 'sms' | 'whatsapp';

const TWILIO_API_ORIGIN = 'https://api.twilio.com';
const TWILIO_CONTENT_ORIGIN = 'https://content.twilio.com';
// A Content SID's WhatsApp approval, once read, holds this long (an approval does not flip by the minute).
const APPROVAL_TTL_MS = 10 * 60_000;
const SEND_TIMEOUT_MS = 15_000;
const USER_AGENT = 'JanSetu/1.0.0';
/** Twilio redirects a MediaUrl once, to its storage; a few hops more are tolerated, a loop is not. */
const MAX_MEDIA_REDIRECTS = 3;

/** The form fields of `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` this adapter sets. */
interface MessageCreate {
  To: string;
  From?: string;
  MessagingServiceSid?: string;
  Body?: string;
  ContentSid?: string;
  ContentVariables?: string;
  StatusCallback?: string;
}

/**
 * SMS or WhatsApp through Twilio's Programmable Messaging API (Messages.json), posted on pooled keep-alive
 * connections: one form POST is all a send is, and the official SDK (axios underneath, a new config merged per call)
 * cost an eighth of the dispatcher's CPU a message in its profile. Provider errors never throw: they become typed
 * failures (21610 opted out, 429 throttled, 63016 window closed, 5xx and network retryable).
 */
export class TwilioAdapter implements ChannelAdapter {
  readonly capabilities: ChannelCapabilities;
  private readonly messagesUrl: string;
  private readonly sender: Pick<MessageCreate, 'From' | 'MessagingServiceSid'>;
  private readonly statusCallback?: string;
  private readonly contentSids: Record<string, string>;
  private readonly basicAuth: string;
  /** The only origin HTTP basic auth is sent to: Twilio's API host (the fake's, in tests). */
  private readonly mediaOrigin: string;
  private readonly contentBase: string;
  private readonly approvals = new Map<string, { status: string | null; at: number }>();

  /** `publicBaseUrl` (PUBLIC_BASE_URL), when set, is where Twilio posts this send's status callbacks. */
  constructor(
    settings: TwilioSettings,
    readonly channel: TwilioChannel,
    publicBaseUrl?: string,
    private readonly http: ProviderHttp = pooledHttp,
  ) {
    const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = settings;
    if (!accountSid || !authToken) throw new Error('Twilio is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
    const from = channel === 'sms' ? settings.TWILIO_SMS_FROM : settings.TWILIO_WHATSAPP_FROM;
    if (!from) throw new Error(`Twilio ${channel} is off: set TWILIO_${channel.toUpperCase()}_FROM`);
    // A Messaging Service (MG...) picks the sender from its pool, so it replaces From.
    this.sender =
      channel === 'whatsapp'
        ? { From: `whatsapp:${from}` }
        : from.startsWith('MG')
          ? { MessagingServiceSid: from }
          : { From: from };

    // TWILIO_API_BASE_URL points tests and staging at a fake (or Prism) instead of api.twilio.com.
    const apiBase = (settings.TWILIO_API_BASE_URL ?? TWILIO_API_ORIGIN).replace(/\/+$/, '');
    this.messagesUrl = `${apiBase}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    this.mediaOrigin = new URL(settings.TWILIO_API_BASE_URL ?? TWILIO_API_ORIGIN).origin;
    // The Content API is its own host; a base URL set for the 2010 API (a fake, a staging proxy) serves it too.
    this.contentBase = (
      settings.TWILIO_CONTENT_API_BASE_URL ??
      settings.TWILIO_API_BASE_URL ??
      TWILIO_CONTENT_ORIGIN
    ).replace(/\/+$/, '');
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
    const params: MessageCreate = { To: to, ...this.sender };
    if (this.channel === 'whatsapp' && message.template) {
      // Outside the 24-hour window Twilio sends a template only by its Content SID, its parameters numbered from 1;
      // the same body again would only be refused again (63016).
      const { name, language, parameters } = message.template;
      const contentSid = this.contentSids[`${name}:${language}`];
      if (!contentSid) {
        return { ok: false, failure: 'window-closed', detail: noContentSid(name, language) };
      }
      params.ContentSid = contentSid;
      params.ContentVariables = JSON.stringify(
        Object.fromEntries(parameters.map((value, i) => [String(i + 1), value])),
      );
    } else {
      params.Body = message.text;
    }
    if (this.statusCallback) params.StatusCallback = this.statusCallback;
    let response: ProviderResponse;
    try {
      response = await this.http(this.messagesUrl, {
        method: 'POST',
        headers: {
          Authorization: this.basicAuth,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
        },
        body: new URLSearchParams(params as unknown as Record<string, string>).toString(),
        timeoutMs: SEND_TIMEOUT_MS,
      });
    } catch (error) {
      // Network and timeout errors (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT...): Twilio may never have seen it.
      return { ok: false, failure: 'retryable', detail: `twilio unreachable: ${transportErrorName(error)}` };
    }
    const body = parseJson(response.text) as { sid?: unknown; code?: unknown } | undefined;
    if (response.status >= 200 && response.status < 300) {
      if (typeof body?.sid === 'string' && body.sid) return { ok: true, providerMessageId: body.sid };
      return { ok: false, failure: 'retryable', detail: `twilio answered ${response.status} without a message sid` };
    }
    const code = parseTwilioCode(body?.code);
    const failure = twilioFailure(code, response.status);
    // Twilio's message text can quote the recipient's number, so the detail keeps only code and status.
    const detail = `twilio error ${code ?? 'without code'} (HTTP ${response.status})`;
    if (failure === 'throttled') {
      return { ok: false, failure, detail, retryAfterMs: retryAfterMs(response.header('retry-after')) };
    }
    return { ok: false, failure, detail };
  }

  /**
   * Held to Twilio's WhatsApp approval of the template's Content SID (`GET /v1/Content/{Sid}/ApprovalRequests` on
   * the Content API): a template without a SID, or whose approval is pending, rejected, paused or disabled, is the
   * reason a send outside the window would be refused. When Twilio cannot be asked, nothing is claimed (null).
   */
  async checkTemplate({ name, language }: { name: string; language: string }): Promise<string | null> {
    if (this.channel !== 'whatsapp') return null;
    const contentSid = this.contentSids[`${name}:${language}`];
    if (!contentSid) return noContentSid(name, language);
    const status = await this.approvalOf(contentSid);
    if (status === null || status === 'approved') return null;
    return `Twilio Content ${contentSid} (${name}, ${language}) is not approved for WhatsApp: ${status}`;
  }

  private async approvalOf(contentSid: string): Promise<string | null> {
    const known = this.approvals.get(contentSid);
    if (known && Date.now() - known.at < APPROVAL_TTL_MS) return known.status;
    let status: string | null = null;
    try {
      const response = await this.http(`${this.contentBase}/v1/Content/${contentSid}/ApprovalRequests`, {
        method: 'GET',
        headers: { Authorization: this.basicAuth, Accept: 'application/json', 'User-Agent': USER_AGENT },
        timeoutMs: SEND_TIMEOUT_MS,
      });
      const body = parseJson(response.text) as { whatsapp?: { status?: unknown } | null } | undefined;
      if (response.status === 404) status = 'unknown to Twilio (404)';
      else if (response.status === 200) {
        status = typeof body?.whatsapp?.status === 'string' ? body.whatsapp.status : 'unsubmitted';
      }
    } catch {
      // Unreachable: not cached, asked again next time.
      return null;
    }
    if (status !== null) this.approvals.set(contentSid, { status, at: Date.now() });
    return status;
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
}

function noContentSid(name: string, language: string): string {
  return `no Twilio Content SID for template ${name} (${language}): add "${name}:${language}" to TWILIO_CONTENT_SIDS`;
}
