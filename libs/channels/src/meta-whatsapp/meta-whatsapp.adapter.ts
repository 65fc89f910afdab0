import { ChannelAdapter, ChannelCapabilities, OutboundMessage, SendResult } from '../channel-adapter.port';
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
const DEFAULT_RETRY_AFTER_MS = 1000;

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

  constructor(
    private readonly settings: MetaWhatsAppAdapterSettings,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
    line?: string,
    private readonly catalogue?: WhatsAppTemplateCatalogue,
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
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'User-Agent': USER_AGENT,
        },
        body: JSON.stringify(this.body(to, message)),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'error';
      return { ok: false, failure: 'retryable', detail: `Meta Graph API unreachable (${name})` };
    }

    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (response.ok) {
      const id = (json as MetaSendResponse | undefined)?.messages?.[0]?.id;
      if (typeof id === 'string' && id) return { ok: true, providerMessageId: id };
      return { ok: false, failure: 'retryable', detail: `Meta answered ${response.status} without a message id` };
    }
    return this.failure(response, json as MetaErrorBody | undefined);
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

  private failure(response: Response, body: MetaErrorBody | undefined): SendResult {
    const error = body?.error;
    const code = parseMetaCode(error?.code);
    const failure = metaFailure(code, response.status);
    const parts = [`Meta answered ${response.status}`];
    if (code !== undefined) parts.push(`code ${code}`);
    const subcode = parseMetaCode(error?.error_subcode);
    if (subcode !== undefined) parts.push(`subcode ${subcode}`);
    let detail = parts.join(', ');
    if (typeof error?.message === 'string') detail += `: ${redact(error.message)}`;
    if (typeof error?.fbtrace_id === 'string') detail += ` (fbtrace_id ${redact(error.fbtrace_id)})`;
    if (failure === 'throttled') {
      return { ok: false, failure, detail, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    }
    return { ok: false, failure, detail };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After is either delta-seconds or an HTTP date; without one we wait a second. */
function retryAfterMs(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - Date.now());
}

/** Meta's messages sometimes quote the request; a phone number or a token must not reach our logs through them. */
function redact(text: string): string {
  return text
    .slice(0, 300)
    .replace(/\+?\d[\d\s-]{5,}\d/g, '[number]')
    .replace(/EAA[A-Za-z0-9_-]{8,}/g, '[token]');
}
