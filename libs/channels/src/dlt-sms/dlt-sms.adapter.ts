import { randomUUID } from 'node:crypto';
import { ChannelAdapter, ChannelCapabilities, OutboundMessage, SendResult } from '../channel-adapter.port';
import { smsSegments } from '../sms-encoding/sms-encoding';
import type { DltSmsSettings } from './dlt-sms.provider';
import { DltTemplateCatalogue } from './dlt-templates';
import { retryAfterMs } from '../http/provider-http';

export interface DltSmsAdapterOptions {
  fetch?: typeof fetch;
  /** How long to wait for the aggregator before calling the send retryable. */
  timeoutMs?: number;
  /**
   * The registered content templates. When it holds any, every text goes under the template it matches and a text
   * that matches none is refused; when empty, everything goes under DLT_DEFAULT_TEMPLATE_ID (start-up warns).
   */
  templates?: DltTemplateCatalogue;
  /** Told of every text refused for want of a matching template (a metric counts them). */
  onTemplateRefusal?: (reason: string) => void;
}

// Aggregators say "DND", "NCPR", "blocked", "opted out" in various spellings when the subscriber refused promotions.
const OPTED_OUT = /\bDND\b|\bNCPR\b|blocked|\bopt(?:ed|s)?[\s_-]?out\b|\bopt\b/i;
// An Indian mobile number: 10 digits starting 6-9, optionally with the country code 91.
const INDIAN_MOBILE = /^(?:91)?[6-9][0-9]{9}$/;

/**
 * Indian SMS through a TRAI-DLT-registered aggregator's (or the government gateway's) HTTP API. These APIs differ only
 * in URL, method and parameter names, so all three come from configuration; every send carries the principal entity
 * id, the 6-letter header and a registered content-template id, without which operators drop the message.
 */
export class DltSmsAdapter implements ChannelAdapter {
  readonly channel = 'sms' as const;
  readonly capabilities: ChannelCapabilities;
  private readonly successPattern: RegExp;
  private readonly messageIdPattern: RegExp;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  readonly templates: DltTemplateCatalogue;
  private readonly onTemplateRefusal: (reason: string) => void;

  constructor(
    private readonly settings: Omit<DltSmsSettings, 'DLT_INBOUND_SECRET'>,
    options: DltSmsAdapterOptions = {},
  ) {
    this.capabilities = {
      maxLength: 1000, // about 14 UCS-2 parts; longer Hindi texts get expensive and arrive out of order
      encodings: ['gsm7', 'ucs2'],
      templates: true,
      media: false,
      ratePerSecond: settings.DLT_RATE,
      provider: 'dlt',
    };
    this.successPattern = compile('DLT_SUCCESS_PATTERN', settings.DLT_SUCCESS_PATTERN);
    this.messageIdPattern = compile('DLT_MESSAGE_ID_PATTERN', settings.DLT_MESSAGE_ID_PATTERN);
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.templates = options.templates ?? new DltTemplateCatalogue();
    this.onTemplateRefusal = options.onTemplateRefusal ?? (() => undefined);
  }

  checkText(message: Pick<OutboundMessage, 'text' | 'dltTemplateId'>): string | null {
    if (this.templates.size === 0) return null;
    const plan = this.templates.plan(message.text, message.dltTemplateId);
    return plan.ok ? null : plan.reason;
  }

  /**
   * One text as DLT will carry it: under its registered template, an officer's long reply in several parts that each
   * match; a text that matches no template is refused here, never sent under an id whose text it does not match.
   */
  async send(message: OutboundMessage): Promise<SendResult> {
    if (this.templates.size === 0) {
      const templateId = message.dltTemplateId ?? this.settings.DLT_DEFAULT_TEMPLATE_ID;
      if (!templateId) return { ok: false, failure: 'permanent', detail: 'no DLT template id' };
      return this.sendPart(message.to, message.text, templateId);
    }
    const plan = this.templates.plan(message.text, message.dltTemplateId);
    if (!plan.ok) {
      this.onTemplateRefusal(plan.reason);
      return { ok: false, failure: 'permanent', detail: plan.reason };
    }
    let first: (SendResult & { ok: true }) | undefined;
    for (const [i, part] of plan.parts.entries()) {
      const result = await this.sendPart(message.to, part.text, part.templateId);
      if (!result.ok) {
        // Parts already out cannot be recalled: a retry would send them twice, so a later part's failure is final.
        if (i === 0) return result;
        return { ok: false, failure: 'permanent', detail: `part ${i + 1}/${plan.parts.length}: ${result.detail}` };
      }
      first ??= result;
    }
    return { ...first!, dltTemplateIds: plan.parts.map((p) => p.templateId) };
  }

  private async sendPart(recipient: string, text: string, templateId: string): Promise<SendResult> {
    const c = this.settings;
    if (!c.DLT_SMS_URL || !c.DLT_SENDER || !c.DLT_ENTITY_ID) {
      return { ok: false, failure: 'permanent', detail: 'DLT SMS gateway not configured (URL, sender or entity id)' };
    }
    // Aggregators take either 10 digits or 91 + 10 digits, never '+'; we keep the 91 so the number stays unambiguous.
    const to = recipient.replace(/[\s()+-]/g, '');
    if (!INDIAN_MOBILE.test(to)) {
      return { ok: false, failure: 'permanent', detail: 'recipient is not an Indian mobile number' };
    }
    if (text.length > this.capabilities.maxLength) {
      return { ok: false, failure: 'permanent', detail: `text longer than ${this.capabilities.maxLength} characters` };
    }

    // UCS-2 texts go as plain UTF-8 with unicode=1, which aggregators convert themselves; hex-encoded UCS-2 is the
    // exception among Indian gateways and would garble the text on those that expect UTF-8.
    const unicode = smsSegments(text).encoding === 'ucs2';
    const params = new URLSearchParams();
    if (c.DLT_USERNAME !== undefined) params.set(c.DLT_PARAM_USERNAME, c.DLT_USERNAME);
    if (c.DLT_PASSWORD !== undefined) params.set(c.DLT_PARAM_PASSWORD, c.DLT_PASSWORD);
    params.set(c.DLT_PARAM_SENDER, c.DLT_SENDER);
    params.set(c.DLT_PARAM_TO, to);
    params.set(c.DLT_PARAM_TEXT, text);
    params.set(c.DLT_PARAM_ENTITY_ID, c.DLT_ENTITY_ID);
    params.set(c.DLT_PARAM_TEMPLATE_ID, templateId);
    params.set(c.DLT_PARAM_UNICODE, unicode ? '1' : '0');

    let response: Response;
    let body: string;
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      if (c.DLT_SMS_METHOD === 'GET') {
        const url = new URL(c.DLT_SMS_URL);
        for (const [name, value] of params) url.searchParams.append(name, value);
        response = await this.fetch(url, { method: 'GET', signal });
      } else {
        response = await this.fetch(c.DLT_SMS_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: params.toString(),
          signal,
        });
      }
      body = (await response.text()).trim();
    } catch (e) {
      // The error's message may carry the URL, whose query string holds the password in GET mode: name only.
      const name = (e as Error)?.name ?? 'Error';
      const detail =
        name === 'TimeoutError'
          ? `DLT gateway did not answer within ${this.timeoutMs} ms`
          : `DLT gateway unreachable (${name})`;
      return { ok: false, failure: 'retryable', detail };
    }

    const said = this.redact(body);
    if (response.status === 429) {
      return {
        ok: false,
        failure: 'throttled',
        detail: `DLT gateway throttled the send: ${said}`,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      };
    }
    if (response.status >= 500) {
      return { ok: false, failure: 'retryable', detail: `DLT gateway HTTP ${response.status}: ${said}` };
    }
    if (response.ok && this.successPattern.test(body)) {
      const providerMessageId = this.messageIdPattern.exec(body)?.[1] ?? `dlt-${randomUUID()}`;
      return { ok: true, providerMessageId };
    }
    // Aggregators mostly refuse with HTTP 200 and an error text, so the body decides, not the status.
    const failure = OPTED_OUT.test(body) ? 'recipient-opted-out' : 'permanent';
    return { ok: false, failure, detail: `DLT gateway refused the send (HTTP ${response.status}): ${said}` };
  }

  /** The aggregator's answer, fit for a log: short, without phone numbers or credentials it may echo. */
  private redact(body: string): string {
    let text = body.slice(0, 200).replace(/(?<![0-9])\+?[0-9]{10,12}(?![0-9])/g, '[number]');
    for (const secret of [this.settings.DLT_PASSWORD, this.settings.DLT_USERNAME]) {
      if (secret) text = text.split(secret).join('[redacted]');
    }
    return text || '(empty body)';
  }
}

function compile(name: string, pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new Error(`Invalid setting ${name}: ${(e as Error).message}`);
  }
}
