import { randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';
import { setTimeout as sleep } from 'node:timers/promises';

/** The request parameter names of an Indian DLT aggregator's HTTP send API; the defaults match JanSetu's DLT_PARAM_*. */
export interface DltParamNames {
  username: string;
  password: string;
  sender: string;
  to: string;
  text: string;
  entityId: string;
  templateId: string;
  unicode: string;
}

export const DLT_DEFAULT_PARAM_NAMES: DltParamNames = {
  username: 'username',
  password: 'password',
  sender: 'senderid',
  to: 'mobileno',
  text: 'content',
  entityId: 'dlt_entity_id',
  templateId: 'dlt_template_id',
  unicode: 'unicode',
};

export interface DltGatewayFakeOptions {
  params?: Partial<DltParamNames>;
  /** When set, a send with other credentials is refused ("ERROR 4003"). */
  username?: string;
  password?: string;
  /** 'ok' answers "OK <msgid>", 'success' answers "SUCCESS 402 <msgid>"; both styles exist in the wild. */
  successStyle?: 'ok' | 'success';
  path?: string;
  /**
   * Content templates registered on the DLT platform, id to text with {#var#} placeholders. When any is given the
   * fake scrubs as operators do: an unknown template id, or a text that does not match its template, is refused.
   */
  templates?: Record<string, string>;
}

/** A programmed answer for the next send to one number; anything left out keeps the normal answer. */
export interface DltFailure {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Hold the answer back this long, to exercise the caller's timeout. */
  delayMs?: number;
}

export interface DltGatewayCall {
  method: string;
  path: string;
  contentType?: string;
  /** The send parameters, by their wire names: the query string for GET, the form body for POST. */
  params: Record<string, string>;
  status: number;
  body: string;
  /** Set when the fake accepted the message. */
  messageId?: string;
}

/** An accepted send, by meaning rather than wire name. */
export interface DltSentMessage {
  messageId: string;
  method: string;
  username?: string;
  to: string;
  text: string;
  sender: string;
  entityId: string;
  templateId: string;
  unicode: boolean;
}

// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038); anything else needs unicode=1.
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿' +
    'abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€',
);

/**
 * An Indian DLT SMS aggregator's HTTP API on 127.0.0.1, as these APIs behave: GET with a query string or POST with a
 * form body; a refused send is usually HTTP 200 with "ERROR <code> <reason>" text, an accepted one "OK <msgid>".
 * Like a real operator it refuses sends without the DLT principal entity id, content template id or sender header.
 */
export class DltGatewayFake {
  readonly calls: DltGatewayCall[] = [];
  readonly sent: DltSentMessage[] = [];
  private readonly names: DltParamNames;
  private readonly failures = new Map<string, DltFailure[]>();
  private server?: Server;
  private port = 0;

  constructor(private readonly options: DltGatewayFakeOptions = {}) {
    this.names = { ...DLT_DEFAULT_PARAM_NAMES, ...options.params };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}${this.options.path ?? '/api/v2/sendsms'}`;
  }

  async start(): Promise<this> {
    ({ server: this.server, port: this.port } = await listenOnLoopback((req, res) => {
      this.serve(req, res).catch(() => res.writeHead(500).end('ERROR 500 Internal error'));
    }));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    this.server = undefined;
  }

  /** The next send to this number (10 digits, 91+10 or +91+10) gets the programmed answer instead. */
  failNext(to: string, failure: DltFailure): void {
    const key = numberKey(to);
    this.failures.set(key, [...(this.failures.get(key) ?? []), failure]);
  }

  reset(): void {
    this.calls.length = 0;
    this.sent.length = 0;
    this.failures.clear();
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = req.headers['content-type'];
    const call: DltGatewayCall = {
      method: req.method ?? '',
      path: url.pathname,
      contentType,
      params: {},
      status: 0,
      body: '',
    };
    this.calls.push(call);
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      call.status = status;
      call.body = body;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);
    };

    if (url.pathname !== new URL(this.url).pathname) return answer(404, 'ERROR 404 Not Found');
    let params: URLSearchParams;
    if (req.method === 'GET') params = url.searchParams;
    else if (req.method === 'POST') {
      if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded'))
        return answer(400, 'ERROR 4000 Invalid request format');
      params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    } else return answer(405, 'ERROR 405 Method Not Allowed', { allow: 'GET, POST' });
    call.params = Object.fromEntries(params);

    const get = (name: keyof DltParamNames) => params.get(this.names[name])?.trim() ?? '';
    const { username, password } = this.options;
    if (
      (username !== undefined && get('username') !== username) ||
      (password !== undefined && get('password') !== password)
    )
      return answer(200, 'ERROR 4003 Authentication failed');
    if (!get('sender')) return answer(200, 'ERROR 4002 Sender ID missing');
    if (!/^[A-Z]{6}$/.test(get('sender'))) return answer(200, 'ERROR 4002 Invalid Sender ID');
    if (!get('entityId')) return answer(200, 'ERROR 4004 Entity ID missing');
    if (!get('templateId')) return answer(200, 'ERROR 4001 Template ID missing');
    if (!/^[0-9]{10,25}$/.test(get('templateId'))) return answer(200, 'ERROR 4001 Invalid Template ID');
    if (!/^(91)?[6-9][0-9]{9}$/.test(get('to'))) return answer(200, 'ERROR 4005 Invalid mobile number');
    const text = params.get(this.names.text) ?? '';
    if (!text) return answer(200, 'ERROR 4006 Message content missing');
    const templates = this.options.templates;
    if (templates && Object.keys(templates).length) {
      const registered = templates[get('templateId')];
      if (registered === undefined) return answer(200, 'ERROR 4008 Template ID not registered');
      if (!scrubbingPasses(registered, text)) return answer(200, 'ERROR 4009 Content does not match template');
    }
    const unicode = get('unicode') === '1';
    if (!unicode && [...text].some((ch) => !GSM7.has(ch)))
      return answer(200, 'ERROR 4007 Unicode content requires unicode=1');

    const failure = this.failures.get(numberKey(get('to')))?.shift();
    if (failure?.delayMs) await sleep(failure.delayMs);
    if (failure && (failure.status !== undefined || failure.body !== undefined))
      return answer(failure.status ?? 200, failure.body ?? '', failure.headers);

    const messageId = randomBytes(10).toString('hex');
    call.messageId = messageId;
    this.sent.push({
      messageId,
      method: call.method,
      username: params.get(this.names.username) ?? undefined,
      to: get('to'),
      text,
      sender: get('sender'),
      entityId: get('entityId'),
      templateId: get('templateId'),
      unicode,
    });
    answer(200, this.options.successStyle === 'success' ? `SUCCESS 402 ${messageId}` : `OK ${messageId}`);
  }
}

/**
 * The operators' scrubbing, written here independently of JanSetu's matcher so that tests check one against the
 * other: literal text exactly, each {#var#} up to 30 characters.
 */
function scrubbingPasses(template: string, text: string): boolean {
  const literal = template.split('{#var#}').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('(.{0,30})')}$`, 'su').test(text);
}

function numberKey(to: string): string {
  return to.replace(/\D/g, '').slice(-10);
}

/** A call of the aggregator to JanSetu's DLT webhook; it has the shape of the gateway's WebhookRequest. */
export interface DltCallbackRequest {
  method: 'GET' | 'POST';
  publicUrl: string;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  query: Record<string, string>;
}

export interface DltCallbackVia {
  method?: 'GET' | 'POST';
  /** POST body format; aggregators mostly post forms, a few JSON. */
  format?: 'form' | 'json';
  /** Where the shared secret travels; 'none' leaves it out. */
  secretIn?: 'query' | 'header' | 'none';
  /** Overrides the builder's secret for this call (e.g. a wrong one). */
  secret?: string;
}

/**
 * Builds the calls an aggregator makes to JanSetu for inbound long-code / keyword SMS and delivery reports.
 * Aggregators cannot sign requests, so the shared secret rides in the query string or the x-jansetu-secret header.
 */
export class DltCallbackBuilder {
  constructor(private readonly options: { secret?: string; publicBaseUrl?: string; path?: string } = {}) {}

  /** A citizen's SMS, with the field names most aggregators use: mobile, message, msgid. */
  inbound(sms: { from: string; text: string; id: string }, via: DltCallbackVia = {}): DltCallbackRequest {
    return this.raw({ mobile: sms.from, message: sms.text, msgid: sms.id }, via);
  }

  /** A delivery report: msgid, status (DELIVRD, UNDELIV, DND, ...) and optionally the operator's error code. */
  deliveryReport(
    dlr: { id: string; status: string; errorCode?: string },
    via: DltCallbackVia = {},
  ): DltCallbackRequest {
    const fields: Record<string, string> = { msgid: dlr.id, status: dlr.status };
    if (dlr.errorCode !== undefined) fields.errcode = dlr.errorCode;
    return this.raw(fields, via);
  }

  /** Any set of fields, for aggregators with other names or for malformed calls. */
  raw(fields: Record<string, string>, via: DltCallbackVia = {}): DltCallbackRequest {
    const method = via.method ?? 'POST';
    const secret = via.secret ?? this.options.secret;
    const secretIn = via.secretIn ?? 'query';
    const url = new URL(
      this.options.path ?? '/webhooks/dlt-sms',
      this.options.publicBaseUrl ?? 'http://127.0.0.1:3000',
    );
    if (secret !== undefined && secretIn === 'query') url.searchParams.set('secret', secret);
    const headers: Record<string, string | undefined> = {};
    if (secret !== undefined && secretIn === 'header') headers['x-jansetu-secret'] = secret;
    let rawBody = Buffer.alloc(0);
    if (method === 'GET') {
      for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
    } else if (via.format === 'json') {
      headers['content-type'] = 'application/json';
      rawBody = Buffer.from(JSON.stringify(fields), 'utf8');
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      rawBody = Buffer.from(new URLSearchParams(fields).toString(), 'utf8');
    }
    return { method, publicUrl: url.toString(), headers, rawBody, query: Object.fromEntries(url.searchParams) };
  }
}
