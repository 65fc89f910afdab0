import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ChannelRegistry, ReceiveInboundMessageCommand, ReceiveStatusReceiptCommand } from '@jansetu/channels';
import { APP_CONFIG, AppConfig, Metrics } from '@jansetu/platform';

/** A provider's call as it reached the gateway, before anything is trusted. */
export interface WebhookCall {
  method: string;
  /** Path and query as received (req.originalUrl). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** http or https, for the public URL when PUBLIC_BASE_URL is not set. */
  protocol: string;
}

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
  /** Why the call was refused (also in the JSON body), for the log line. */
  reason?: string;
}

/**
 * One provider webhook call, whichever door it came through (the direct path of webhook-direct-path.ts or the
 * controller): verified by the provider's own scheme before anything is read, turned into normalised messages and
 * receipts, queued through the outbox, counted in jansetu_webhooks_total, and answered.
 */
@Injectable()
export class WebhookIntake {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the route's provider is configured; when not, `whyOff` says what is missing. */
  isOn(route: string): boolean {
    return this.channels.webhook(route) !== undefined;
  }

  whyOff(route: string): string {
    return this.channels.whyOff(route);
  }

  async take(route: string, call: WebhookCall): Promise<WebhookAnswer> {
    const webhook = this.channels.webhook(route);
    if (!webhook) throw new Error(`webhook ${route} is off`);
    const base = this.config.PUBLIC_BASE_URL ?? `${call.protocol}://${headerOf(call.headers.host) ?? 'localhost'}`;
    const outcome = await webhook.handle({
      method: call.method === 'GET' ? 'GET' : 'POST',
      publicUrl: `${base.replace(/\/$/, '')}${call.url}`,
      headers: Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toLowerCase(), headerOf(v)])),
      rawBody: call.rawBody,
      query: singleValued(call.url),
    });
    if (!outcome.ok) {
      this.metrics.webhooks.inc({ route, status: String(outcome.status) });
      return {
        status: outcome.status,
        reason: outcome.reason,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ statusCode: outcome.status, error: 'webhook_rejected', message: outcome.reason }),
      };
    }
    for (const m of outcome.messages) {
      await this.commands.execute(
        new ReceiveInboundMessageCommand(webhook.channel, m.from, m.text, m.providerMessageId, m.line, {
          // The route names its provider first: meta-whatsapp, twilio-sms, telegram, dlt-sms.
          provider: route.split('-')[0],
          mediaIds: m.mediaIds ?? [],
          ...(m.location ? { location: m.location } : {}),
        }),
      );
    }
    for (const receipt of outcome.receipts) {
      await this.commands.execute(new ReceiveStatusReceiptCommand(webhook.channel, route, receipt));
    }
    this.metrics.webhooks.inc({ route, status: '200' });
    const type = outcome.response?.contentType ?? 'text/plain';
    return { status: 200, contentType: `${type}; charset=utf-8`, body: outcome.response?.body ?? '' };
  }
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The query's parameters that appear once (a repeated one is ambiguous and left out, as Express's parse did). */
function singleValued(url: string): Record<string, string> {
  const q = url.indexOf('?');
  if (q < 0) return {};
  const params = new URLSearchParams(url.slice(q + 1));
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length === 1) out[key] = values[0];
  }
  return out;
}
