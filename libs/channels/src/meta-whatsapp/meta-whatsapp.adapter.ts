import {
  ChannelAdapter,
  ChannelCapabilities,
  FetchedMedia,
  MediaTooLargeError,
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
import { contentType, declaredSize, MEDIA_DOWNLOAD_TIMEOUT_MS, readBounded } from '../media/bounded-download';
import { metaFailure, parseMetaCode } from './meta-whatsapp-errors';
import type { MetaWhatsAppSettings } from './meta-whatsapp.provider';
import { WhatsAppTemplateCatalogue } from './whatsapp-templates';

export type MetaWhatsAppAdapterSettings = Pick<
  MetaWhatsAppSettings,
  | 'WHATSAPP_ACCESS_TOKEN'
  | 'WHATSAPP_PHONE_NUMBER_ID'
  | 'WHATSAPP_GRAPH_API_BASE_URL'
  | 'WHATSAPP_API_VERSION'
  | 'WHATSAPP_RATE'
>;

/** Meta's OpenAPI description requires a `name/x.y.z` User-Agent; Node's fetch sends plain `node`. */
const USER_AGENT = 'JanSetu/1.0.0';
const SEND_TIMEOUT_MS = 15_000;

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** The body of `POST /{Version}/{Phone-Number-ID}/messages`, as the `Message` schema describes it. */
type MetaSendBody =
  | {
      messaging_product: 'whatsapp';
      recipient_type: 'individual';
      to: string;
      type: 'text';
      text: { preview_url: boolean; body: string };
    }
  | {
      messaging_product: 'whatsapp';
      recipient_type: 'individual';
      to: string;
      type: 'template';
      template: {
        name: string;
        language: { policy: 'deterministic'; code: string };
        components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
      };
    };

interface MetaErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown; error_subcode?: unknown; fbtrace_id?: unknown };
}

/** `GET /{Version}/{Media-ID}` (retrieveMediaUrl): where the attachment is, for 5 minutes, and what it is. */
interface MetaMediaUrlResponse {
  url?: unknown;
  mime_type?: unknown;
  file_size?: unknown;
}

/**
 * Hosts Meta serves media downloads from (lookaside.fbsbx.com today); the access token goes to no other, except the
 * configured Graph base itself (a staging proxy or the fake).
 */
const META_MEDIA_HOSTS = ['fbsbx.com', 'facebook.com', 'fbcdn.net', 'whatsapp.net'];

interface MetaSendResponse {
  messages?: { id?: unknown }[];
}

/**
 * WhatsApp through Meta's Cloud API. It sends free text unless the core passes a template; outside the 24-hour
 * window Meta refuses free text with 131047, which comes back as 'window-closed' so the core can retry with one.
 */
export class MetaWhatsAppAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp' as const;
  readonly capabilities: ChannelCapabilities;

  /** `fetchImpl` fetches media; `http` sends (pooled connections, the hot path). */
  constructor(
    private readonly settings: MetaWhatsAppAdapterSettings,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
    line?: string,
    private readonly catalogue?: WhatsAppTemplateCatalogue,
    private readonly http: ProviderHttp = pooledHttp,
  ) {
    this.capabilities = {
      maxLength: 4096,
      encodings: ['utf8'],
      templates: true,
      media: true,
      ratePerSecond: settings.WHATSAPP_RATE,
      provider: 'meta',
      ...(line ? { line } : {}),
    };
  }

  /** Held to the business account's catalogue (synced from Meta, kept by its status webhook). */
  checkTemplate(template: { name: string; language: string }): Promise<string | null> {
    return this.catalogue ? this.catalogue.problem(template) : Promise.resolve(null);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const { WHATSAPP_ACCESS_TOKEN: token, WHATSAPP_PHONE_NUMBER_ID: phoneNumberId } = this.settings;
    if (!token || !phoneNumberId) {
      return { ok: false, failure: 'permanent', detail: 'WhatsApp (Meta) is not configured' };
    }
    // Meta takes the number as digits only; a '+' or spaces are the E.164 display form.
    const to = message.to.replace(/\D/g, '');
    if (!/^[0-9]{6,15}$/.test(to)) {
      return { ok: false, failure: 'permanent', detail: 'recipient address is not a phone number' };
    }

    const base = this.settings.WHATSAPP_GRAPH_API_BASE_URL.replace(/\/+$/, '');
    const url = `${base}/${this.settings.WHATSAPP_API_VERSION}/${encodeURIComponent(phoneNumberId)}/messages`;
    let response: ProviderResponse;
    try {
      response = await this.http(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
        },
        body: JSON.stringify(this.body(to, message)),
        timeoutMs: SEND_TIMEOUT_MS,
      });
    } catch (error) {
      return { ok: false, failure: 'retryable', detail: `Meta Graph API unreachable (${transportErrorName(error)})` };
    }

    const json = parseJson(response.text);
    if (response.status >= 200 && response.status < 300) {
      const id = (json as MetaSendResponse | undefined)?.messages?.[0]?.id;
      if (typeof id === 'string' && id) return { ok: true, providerMessageId: id };
      return { ok: false, failure: 'retryable', detail: `Meta answered ${response.status} without a message id` };
    }
    return this.failure(response, json as MetaErrorBody | undefined);
  }

  /**
   * A citizen's attachment by the media id of its webhook: `GET /{version}/{media-id}` gives a short-lived URL, its
   * type and size; the bytes come from that URL, with the same bearer token (Meta refuses it without).
   */
  async fetchMedia(ref: string, maxBytes: number): Promise<FetchedMedia> {
    const token = this.settings.WHATSAPP_ACCESS_TOKEN;
    if (!token) throw new Error('WhatsApp (Meta) is not configured');
    // Graph object ids are digits; anything else would change the path it is put in.
    if (!/^[0-9]{1,32}$/.test(ref)) throw new Error('not a Meta media id');
    const headers = { Authorization: `Bearer ${token}`, 'User-Agent': USER_AGENT };
    const signal = AbortSignal.timeout(MEDIA_DOWNLOAD_TIMEOUT_MS);

    const base = this.settings.WHATSAPP_GRAPH_API_BASE_URL.replace(/\/+$/, '');
    const lookup = await this.mediaRequest(`${base}/${this.settings.WHATSAPP_API_VERSION}/${ref}`, {
      headers: { ...headers, Accept: 'application/json' },
      signal,
    });
    const text = await lookup.text().catch(() => '');
    const json = parseJson(text);
    if (!lookup.ok) {
      throw new Error(`Meta media lookup: ${failureDetail(lookup.status, json as MetaErrorBody | undefined)}`);
    }
    const media = (json ?? {}) as MetaMediaUrlResponse;
    if (typeof media.url !== 'string' || !this.isMetaMediaUrl(media.url, base)) {
      throw new Error('Meta media lookup answered without a Meta download URL');
    }
    const size = declaredSize(media.file_size);
    if (size !== undefined && size > maxBytes) throw new MediaTooLargeError(maxBytes);

    const download = await this.mediaRequest(media.url, { headers, signal });
    if (!download.ok) {
      await download.body?.cancel().catch(() => undefined);
      throw new Error(`Meta media download answered ${download.status}`);
    }
    const bytes = await readBounded(download, maxBytes);
    const mimeType = typeof media.mime_type === 'string' && media.mime_type ? media.mime_type : contentType(download);
    return { bytes, mimeType: mimeType ?? 'application/octet-stream' };
  }

  private async mediaRequest(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(url, { method: 'GET', ...init });
    } catch (error) {
      // The URL is not named: a download URL is a bearer of the media for its five minutes.
      const name = error instanceof Error ? error.name : 'error';
      throw new Error(`Meta media unreachable (${name})`);
    }
  }

  private isMetaMediaUrl(url: string, base: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.origin === new URL(base).origin) return true;
    const host = parsed.hostname.toLowerCase();
    return parsed.protocol === 'https:' && META_MEDIA_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  }

  private body(to: string, message: OutboundMessage): MetaSendBody {
    const common = { messaging_product: 'whatsapp', recipient_type: 'individual', to } as const;
    if (!message.template) {
      return { ...common, type: 'text', text: { preview_url: false, body: message.text } };
    }
    const { name, language, parameters } = message.template;
    return {
      ...common,
      type: 'template',
      template: {
        name,
        // `policy` is required by the description and by the API beside the language code.
        language: { policy: 'deterministic', code: language },
        // A template without variables takes no components; an empty parameter list is a count mismatch.
        ...(parameters.length
          ? { components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] }
          : {}),
      },
    };
  }

  private failure(response: ProviderResponse, body: MetaErrorBody | undefined): SendResult {
    const failure = metaFailure(parseMetaCode(body?.error?.code), response.status);
    const detail = failureDetail(response.status, body);
    if (failure === 'throttled') {
      return { ok: false, failure, detail, retryAfterMs: retryAfterMs(response.header('retry-after')) };
    }
    return { ok: false, failure, detail };
  }
}

/** Meta's error in a line fit for delivery records and logs: status, code, subcode, redacted message and trace. */
function failureDetail(status: number, body: MetaErrorBody | undefined): string {
  const error = body?.error;
  const code = parseMetaCode(error?.code);
  const parts = [`Meta answered ${status}`];
  if (code !== undefined) parts.push(`code ${code}`);
  const subcode = parseMetaCode(error?.error_subcode);
  if (subcode !== undefined) parts.push(`subcode ${subcode}`);
  let detail = parts.join(', ');
  if (typeof error?.message === 'string') detail += `: ${redact(error.message)}`;
  if (typeof error?.fbtrace_id === 'string') detail += ` (fbtrace_id ${redact(error.fbtrace_id)})`;
  return detail;
}

/** Meta's messages sometimes quote the request; a phone number or a token must not reach our logs through them. */
function redact(text: string): string {
  return text
    .slice(0, 300)
    .replace(/\+?\d[\d\s-]{5,}\d/g, '[number]')
    .replace(/EAA[A-Za-z0-9_-]{8,}/g, '[token]');
}
