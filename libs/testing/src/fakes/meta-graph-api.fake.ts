import { createHash, createHmac, randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';

/** A failure the fake answers instead of sending, in Meta's error shape. */
export interface MetaGraphFailure {
  httpStatus: number;
  code: number;
  message: string;
  error_subcode?: number;
  /** Meta's `error.type`; Cloud API errors come as OAuthException. */
  type?: string;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/** One request the fake received. */
export interface MetaGraphCall {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  status: number;
  /** The wamid the fake answered with, for accepted sends (status receipts refer to it). */
  wamid?: string;
}

export interface MetaWebhookPayload {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { field: string; value: Record<string, unknown> }[] }[];
}

/** Where a webhook says it came from: our business number, as `value.metadata` carries it. */
export interface MetaWebhookOptions {
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  wabaId?: string;
  /** The citizen's WhatsApp profile name (inbound) or the recipient's wa_id (statuses). */
  profileName?: string;
  recipientId?: string;
  timestamp?: number;
}

type Json = Record<string, unknown>;

/** An attachment a citizen sent, as Meta holds it for download. */
interface MetaMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  /** The `mid` of its lookaside download URL. */
  mid: string;
  /** Whether the lookup states file_size and the download Content-Length (false: neither, sent chunked). */
  declareSize: boolean;
}

const DOWNLOAD_PATH = '/whatsapp_business/attachments/';

// Titles Meta puts in `errors[].title` of a failed status (Cloud API error-codes page).
const ERROR_TITLES: Record<number, string> = {
  130429: 'Rate limit hit',
  131000: 'Something went wrong',
  131016: 'Service unavailable',
  131026: 'Message undeliverable',
  131047: 'Re-engagement message',
  131050:
    'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
  131051: 'Unsupported message type',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
  132000: 'Number of parameters does not match the expected number of params',
  132001: 'Template does not exist',
};

/**
 * Meta's Graph API as the WhatsApp Cloud API speaks it, on 127.0.0.1: `POST /{version}/{phone-number-id}/messages`
 * with a bearer token, Meta's response and error bodies, programmable failures, and builders for signed webhooks.
 */
export class MetaGraphApiFake {
  static readonly ACCESS_TOKEN = 'EAAG-test-token-123';
  static readonly PHONE_NUMBER_ID = '106540352242922';
  static readonly DISPLAY_PHONE_NUMBER = '15550783881';
  static readonly WABA_ID = '102290129340398';

  readonly calls: MetaGraphCall[] = [];
  /** The business account's message templates, as GET /{version}/{waba-id}/message_templates lists them. */
  readonly templates: { name: string; language: string; status: string; category: string; id: string }[] = [];
  port = 0;
  private readonly failures = new Map<string, MetaGraphFailure[]>();
  private readonly media = new Map<string, MetaMedia>();
  private server?: Server;
  private readonly accessToken: string;
  private readonly phoneNumberIds: ReadonlySet<string>;

  /** `moreNumbers`: further phone number ids of the same business account (one per district, say). */
  constructor(options: { accessToken?: string; phoneNumberId?: string; moreNumbers?: string[] } = {}) {
    this.accessToken = options.accessToken ?? MetaGraphApiFake.ACCESS_TOKEN;
    this.phoneNumberIds = new Set([
      options.phoneNumberId ?? MetaGraphApiFake.PHONE_NUMBER_ID,
      ...(options.moreNumbers ?? []),
    ]);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    ({ server: this.server, port: this.port } = await listenOnLoopback((req, res) => void this.serve(req, res)));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    this.server = undefined;
  }

  /** The next send to `to` (with or without '+') is answered with this error instead. Failures queue up. */
  failNext(to: string, failure: MetaGraphFailure): void {
    const key = digits(to);
    this.failures.set(key, [...(this.failures.get(key) ?? []), failure]);
  }

  /** Bodies of the messages the fake accepted for `to`, oldest first. */
  sentTo(to: string): Json[] {
    return this.calls
      .filter((c) => c.status === 200 && isObject(c.body) && c.body.to === digits(to))
      .map((c) => c.body as Json);
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
    this.media.clear();
  }

  /**
   * Holds an attachment as if a citizen had sent it; the media id it returns is what the webhook's `image.id` (or
   * audio, video, document) carries. `declareSize: false` leaves file_size and Content-Length out.
   */
  addMedia(bytes: Buffer, mimeType: string, options: { declareSize?: boolean } = {}): string {
    const id = String(1_000_000_000_000_000 + Math.floor(Math.random() * 8_999_999_999_999_999));
    const mid = randomBytes(18).toString('base64url');
    this.media.set(id, { id, bytes, mimeType, mid, declareSize: options.declareSize ?? true });
    return id;
  }

  /** What Meta sends: the raw JSON bytes and `X-Hub-Signature-256`, an HMAC-SHA256 of them under the app secret. */
  static signedWebhook(payload: unknown, appSecret: string): { headers: Record<string, string>; rawBody: Buffer } {
    const rawBody = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
    const signature = createHmac('sha256', appSecret).update(rawBody).digest('hex');
    return {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'facebookexternalua',
        'x-hub-signature-256': `sha256=${signature}`,
      },
      rawBody,
    };
  }

  /** A citizen's text message, as the `messages` webhook field delivers it. */
  static inboundText(from: string, text: string, wamid?: string, options?: MetaWebhookOptions): MetaWebhookPayload {
    return MetaGraphApiFake.inboundMessage(from, { type: 'text', text: { body: text } }, wamid, options);
  }

  /**
   * Any inbound message type: pass the type-specific part, e.g. `{type:'button', button:{payload, text}}` or
   * `{type:'image', image:{caption, mime_type, sha256, id}}`; from, id and timestamp are filled in.
   */
  static inboundMessage(
    from: string,
    message: { type: string } & Json,
    wamid = newWamid(),
    options: MetaWebhookOptions = {},
  ): MetaWebhookPayload {
    const waId = digits(from);
    return MetaGraphApiFake.webhook(
      {
        contacts: [{ profile: { name: options.profileName ?? 'Sita Devi' }, wa_id: waId }],
        messages: [{ from: waId, id: wamid, timestamp: unixTime(options), ...message }],
      },
      options,
    );
  }

  /** A delivery status for a message we sent; `failed` carries Meta's error object for `errorCode`. */
  static statusUpdate(
    wamid: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    errorCode?: number,
    options: MetaWebhookOptions = {},
  ): MetaWebhookPayload {
    const entry: Json = {
      id: wamid,
      status,
      timestamp: unixTime(options),
      recipient_id: options.recipientId ?? '919876543210',
    };
    if (status === 'sent' || status === 'delivered') {
      entry.pricing = { billable: true, pricing_model: 'PMP', category: 'service' };
    }
    if (errorCode !== undefined) {
      const title = ERROR_TITLES[errorCode] ?? 'Error';
      entry.errors = [
        {
          code: errorCode,
          title,
          message: title,
          error_data: { details: title },
          href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
        },
      ];
    }
    return MetaGraphApiFake.webhook({ statuses: [entry] }, options);
  }

  /** The envelope every `messages` webhook shares. */
  static webhook(value: Json, options: MetaWebhookOptions = {}): MetaWebhookPayload {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: options.wabaId ?? MetaGraphApiFake.WABA_ID,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: options.displayPhoneNumber ?? MetaGraphApiFake.DISPLAY_PHONE_NUMBER,
                  phone_number_id: options.phoneNumberId ?? MetaGraphApiFake.PHONE_NUMBER_ID,
                },
                ...value,
              },
            },
          ],
        },
      ],
    };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const [path, search] = (req.url ?? '/').split('?');
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    );
    if (path === DOWNLOAD_PATH) {
      this.download(headers, new URLSearchParams(search ?? ''), res, (status) =>
        this.calls.push({ method: req.method ?? 'GET', path, headers, body, status }),
      );
      return;
    }
    const { status, json, extraHeaders } = this.answer(
      req.method ?? 'GET',
      path,
      headers,
      body,
      raw,
      new URLSearchParams(search ?? ''),
    );
    const wamid = (json as { messages?: { id?: string }[] } | undefined)?.messages?.[0]?.id;
    this.calls.push({ method: req.method ?? 'GET', path, headers, body, status, wamid });
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...extraHeaders });
    res.end(JSON.stringify(json));
  }

  /** The lookaside download: the bytes, to the bearer of the access token only (a plain GET gets nothing). */
  private download(
    headers: Record<string, string | undefined>,
    query: URLSearchParams,
    res: ServerResponse,
    record: (status: number) => void,
  ): void {
    const media = [...this.media.values()].find((m) => m.mid === query.get('mid'));
    const status = headers.authorization !== `Bearer ${this.accessToken}` ? 401 : media ? 200 : 404;
    record(status);
    if (!media || status !== 200) {
      const json =
        status === 401 ? invalidToken().json : graphError(404, { message: 'Media not found', code: 100 }).json;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(json));
      return;
    }
    res.writeHead(200, {
      'content-type': media.mimeType,
      ...(media.declareSize ? { 'content-length': String(media.bytes.length) } : {}),
    });
    if (media.declareSize) {
      res.end(media.bytes);
      return;
    }
    // Chunked, in pieces, so a reader sees the body grow.
    for (let at = 0; at < media.bytes.length; at += 16_384) res.write(media.bytes.subarray(at, at + 16_384));
    res.end();
  }

  /** `GET /{version}/{media-id}` (retrieveMediaUrl): the download URL, valid 5 minutes at Meta, type, size, hash. */
  private mediaUrl(mediaId: string): { status: number; json: unknown } {
    const media = this.media.get(mediaId);
    if (!media) {
      return graphError(400, {
        message:
          `Unsupported get request. Object with ID '${mediaId}' does not exist, cannot be loaded due to missing ` +
          'permissions, or does not support this operation. Please read the Graph API documentation at ' +
          'https://developers.facebook.com/docs/graph-api',
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
      });
    }
    const query = new URLSearchParams({
      mid: media.mid,
      ext: String(Math.floor(Date.now() / 1000) + 300),
      hash: randomBytes(12).toString('base64url'),
    });
    return {
      status: 200,
      json: {
        url: `${this.baseUrl}${DOWNLOAD_PATH}?${query.toString()}`,
        mime_type: media.mimeType,
        sha256: createHash('sha256').update(media.bytes).digest('hex'),
        ...(media.declareSize ? { file_size: media.bytes.length } : {}),
        id: media.id,
        messaging_product: 'whatsapp',
      },
    };
  }

  /** Meta's cursor paging: `limit` per page, `after` a cursor, `paging.next` the next page's full URL. */
  private listTemplates(version: string, waba: string, query: URLSearchParams): { status: number; json: unknown } {
    if (waba !== MetaGraphApiFake.WABA_ID) {
      return graphError(400, {
        message: `Unsupported get request. Object with ID '${waba}' does not exist`,
        code: 100,
      });
    }
    const limit = Math.min(Number(query.get('limit') ?? 25) || 25, 100);
    const start = query.get('after') ? Number(Buffer.from(query.get('after')!, 'base64url').toString()) : 0;
    const fields = (query.get('fields') ?? 'name,language,status,category,id').split(',');
    const data = this.templates
      .slice(start, start + limit)
      .map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => fields.includes(k) || k === 'id')));
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const more = start + limit < this.templates.length;
    const next = new URLSearchParams(query);
    next.set('after', cursor(start + limit));
    return {
      status: 200,
      json: {
        data,
        paging: {
          cursors: { before: cursor(start), after: cursor(start + limit) },
          ...(more ? { next: `${this.baseUrl}/${version}/${waba}/message_templates?${next.toString()}` } : {}),
        },
      },
    };
  }

  /** Meta's `message_template_status_update` webhook: a template's approval changed. */
  static templateStatusUpdate(
    name: string,
    language: string,
    event: string,
    reason = 'NONE',
  ): { object: 'whatsapp_business_account'; entry: Json[] } {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: MetaGraphApiFake.WABA_ID,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event,
                message_template_id: 1000000000 + name.length,
                message_template_name: name,
                message_template_language: language,
                reason,
              },
            },
          ],
        },
      ],
    };
  }

  private answer(
    method: string,
    path: string,
    headers: Record<string, string | undefined>,
    body: unknown,
    raw: string,
    query: URLSearchParams,
  ): { status: number; json: unknown; extraHeaders?: Record<string, string> } {
    // Graph checks the token before anything else.
    if (headers.authorization !== `Bearer ${this.accessToken}`) return invalidToken();
    const mediaLookup = /^\/(v[0-9]+\.[0-9]+)\/([^/]+)$/.exec(path);
    if (method === 'GET' && mediaLookup) return this.mediaUrl(mediaLookup[2]);
    const listing = /^\/(v[0-9]+\.[0-9]+)\/([^/]+)\/message_templates$/.exec(path);
    if (method === 'GET' && listing) return this.listTemplates(listing[1], listing[2], query);
    const route = /^\/(v[0-9]+\.[0-9]+)\/([^/]+)\/messages$/.exec(path);
    if (method !== 'POST' || !route) {
      return graphError(400, { message: `Unknown path components: ${path}`, code: 2500 });
    }
    if (!this.phoneNumberIds.has(route[2])) {
      return graphError(400, {
        message:
          `Unsupported post request. Object with ID '${route[2]}' does not exist, cannot be loaded due to missing ` +
          'permissions, or does not support this operation. Please read the Graph API documentation at ' +
          'https://developers.facebook.com/docs/graph-api',
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
      });
    }
    if (!isObject(body)) {
      return graphError(400, {
        message: raw ? '(#100) Invalid parameter' : '(#100) The parameter messaging_product is required.',
        code: 100,
      });
    }
    const invalid = validate(body);
    if (invalid) return graphError(400, { message: invalid, code: 100 });

    const to = String(body.to);
    const failure = this.failures.get(digits(to))?.shift();
    if (failure) {
      return graphError(failure.httpStatus, failure, failure.headers);
    }
    const accepted: Json = { id: newWamid() };
    // Template sends are acknowledged with a pacing status (Meta documents `accepted`).
    if (body.type === 'template') accepted.message_status = 'accepted';
    return {
      status: 200,
      json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: digits(to) }], messages: [accepted] },
    };
  }
}

/** Meta's checks on a send body, in its own words; undefined when the body is acceptable. */
function validate(body: Json): string | undefined {
  if (body.messaging_product !== 'whatsapp') return '(#100) The parameter messaging_product is required.';
  if (typeof body.to !== 'string' || !body.to) return '(#100) The parameter to is required.';
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual' && body.recipient_type !== 'group') {
    return `(#100) Param recipient_type must be one of {INDIVIDUAL, GROUP} - got ${JSON.stringify(body.recipient_type)}.`;
  }
  const type = body.type ?? 'text';
  if (type === 'text') {
    const text = body.text;
    if (!isObject(text) || typeof text.body !== 'string') return "(#100) The parameter text['body'] is required.";
    if (text.body.length > 4096) return "(#100) Param text['body'] must be at most 4096 characters long.";
  } else if (type === 'template') {
    const template = body.template;
    if (!isObject(template) || typeof template.name !== 'string') {
      return "(#100) The parameter template['name'] is required.";
    }
    if (!isObject(template.language) || typeof template.language.code !== 'string') {
      return "(#100) The parameter template['language']['code'] is required.";
    }
  }
  return undefined;
}

function invalidToken(): { status: number; json: unknown; extraHeaders: Record<string, string> } {
  const message = 'Invalid OAuth access token - Cannot parse access token';
  return {
    status: 401,
    json: { error: { message, type: 'OAuthException', code: 190, fbtrace_id: traceId() } },
    extraHeaders: { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"` },
  };
}

function graphError(
  status: number,
  error: { message: string; code: number; type?: string; error_subcode?: number },
  extraHeaders?: Record<string, string>,
): { status: number; json: unknown; extraHeaders?: Record<string, string> } {
  const body: Json = { message: error.message, type: error.type ?? 'OAuthException', code: error.code };
  // Cloud API errors (13xxxx) explain themselves in error_data; plain Graph errors do not carry it.
  if (error.code >= 130000) body.error_data = { messaging_product: 'whatsapp', details: error.message };
  if (error.error_subcode !== undefined) body.error_subcode = error.error_subcode;
  body.fbtrace_id = traceId();
  return { status, json: { error: body }, extraHeaders };
}

function newWamid(): string {
  return `wamid.${randomBytes(36).toString('base64')}`;
}

function traceId(): string {
  return `A${randomBytes(15).toString('base64url')}`;
}

function digits(address: string): string {
  return address.replace(/\D/g, '');
}

function unixTime(options: MetaWebhookOptions): string {
  return String(options.timestamp ?? Math.floor(Date.now() / 1000));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
