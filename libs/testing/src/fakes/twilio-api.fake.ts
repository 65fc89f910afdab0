import { randomBytes, randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';
import twilio from 'twilio';

/** An error Twilio's REST API answers with: HTTP status plus its numeric error code. */
export interface TwilioApiFailure {
  status: number;
  code: number;
  message: string;
  /** Sent as the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
}

/** One POST .../Messages.json the fake received, with its form parameters as Twilio would read them. */
export interface TwilioMessageCall {
  accountSid: string;
  params: Record<string, string | string[]>;
  /** What the fake answered. */
  status: number;
  sid?: string;
}

/** A webhook call as Twilio would make it: form-encoded body and X-Twilio-Signature over URL + sorted params. */
export interface SignedTwilioForm {
  headers: Record<string, string>;
  rawBody: Buffer;
}

export type TwilioMessageStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'read'
  | 'accepted'
  | 'scheduled'
  | 'canceled';

const API_VERSION = '2010-04-01';
const APPROVAL_PATH = /^\/v1\/Content\/(HX[0-9a-fA-F]{32})\/ApprovalRequests$/;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MEDIA_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/(MM[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/;

/** An attachment of an inbound message, as Twilio keeps it. */
interface TwilioMedia {
  bytes: Buffer;
  mimeType: string;
  /** The path on the content host (Twilio's storage) its MediaUrl redirects to. */
  contentPath: string;
  /** Whether the content host states Content-Length (false: sent chunked). */
  declareSize: boolean;
}

/** One GET on the content host: whether credentials came along (they must not leave Twilio's API host). */
export interface TwilioMediaContentCall {
  path: string;
  authorization?: string;
  status: number;
}

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');
/** Twilio's dates are RFC 2822 with a numeric zone: "Thu, 24 Aug 2023 05:01:45 +0000". */
const twilioDate = (at = new Date()) => at.toUTCString().replace('GMT', '+0000');
const moreInfo = (code: number) => `https://www.twilio.com/docs/errors/${code}`;
const errorBody = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: moreInfo(code),
  status,
});

/**
 * Twilio's 2010 REST API for sending messages (POST /2010-04-01/Accounts/{AccountSid}/Messages.json), on
 * 127.0.0.1, with HTTP basic auth, form-encoded requests, the real Message resource and error bodies; plus builders
 * of signed webhook calls (inbound SMS / WhatsApp, status callbacks) with Twilio's real parameter names; and the
 * Content API's WhatsApp approvals (GET /v1/Content/{Sid}/ApprovalRequests), standing in for content.twilio.com.
 */
export class TwilioApiFake {
  readonly calls: TwilioMessageCall[] = [];
  /** GETs of media URLs on the API host, with the HTTP status the fake answered. */
  readonly mediaCalls: { path: string; status: number }[] = [];
  readonly mediaContentCalls: TwilioMediaContentCall[] = [];
  private readonly failures = new Map<string, TwilioApiFailure[]>();
  private readonly media = new Map<string, TwilioMedia>();
  /** WhatsApp approval of Content SIDs (the Content API's ApprovalRequests); GETs of it are counted. */
  private readonly approvals = new Map<string, { name: string; status: string; rejectionReason: string }>();
  readonly approvalCalls: string[] = [];
  private server?: Server;
  private port = 0;
  private contentServer?: Server;
  private contentPort = 0;

  constructor(
    readonly accountSid: string,
    readonly authToken: string,
    /** Our own numbers: where inbound messages are addressed and status callbacks come from. */
    readonly numbers: { sms: string; whatsapp: string } = { sms: '+15005550006', whatsapp: '+14155238886' },
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where media URLs redirect to: another origin, as Twilio's storage is another host than api.twilio.com. */
  get contentBaseUrl(): string {
    return `http://127.0.0.1:${this.contentPort}`;
  }

  async start(): Promise<this> {
    ({ server: this.server, port: this.port } = await listenOnLoopback((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.answer(req, Buffer.concat(chunks), res);
        } catch {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(errorBody(500, 20500, 'Internal Server Error')));
        }
      });
    }));
    ({ server: this.contentServer, port: this.contentPort } = await listenOnLoopback((req, res) =>
      this.serveContent(req, res),
    ));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    await closeServer(this.contentServer);
    this.server = undefined;
    this.contentServer = undefined;
  }

  /**
   * Keeps an attachment of an inbound message and returns its MediaUrl, as the webhook's MediaUrl0 carries it:
   * {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages/{MM…}/Media/{ME…}. `declareSize: false` sends it chunked.
   */
  addMedia(bytes: Buffer, mimeType: string, options: { messageSid?: string; declareSize?: boolean } = {}): string {
    const messageSid = options.messageSid ?? sid('MM');
    const mediaSid = sid('ME');
    const contentPath = `/${this.accountSid}/${randomBytes(20).toString('hex')}`;
    this.media.set(mediaSid, { bytes, mimeType, contentPath, declareSize: options.declareSize ?? true });
    return `${this.baseUrl}/${API_VERSION}/Accounts/${this.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
  }

  /** Twilio's storage: the bytes behind a redirect, to anyone holding the (unguessable) URL. */
  /** A Content SID as Twilio's Content API knows it: its template name and WhatsApp approval status. */
  setApproval(contentSid: string, name: string, status = 'approved', rejectionReason = ''): void {
    this.approvals.set(contentSid, { name, status, rejectionReason });
  }

  /** `GET /v1/Content/{Sid}/ApprovalRequests`, as the Content API answers it (this fake stands in for its host). */
  private approvalAnswer(
    req: IncomingMessage,
    contentSid: string,
    send: (status: number, body: object, headers?: Record<string, string>) => void,
  ): void {
    this.approvalCalls.push(contentSid);
    if (!this.authorized(req)) {
      send(401, errorBody(401, 20003, 'Authenticate'), { 'www-authenticate': 'Basic realm="Twilio API"' });
      return;
    }
    const approval = this.approvals.get(contentSid);
    if (!approval) {
      send(
        404,
        errorBody(404, 20404, `The requested resource /v1/Content/${contentSid}/ApprovalRequests was not found`),
      );
      return;
    }
    send(200, {
      sid: contentSid,
      account_sid: this.accountSid,
      whatsapp: {
        type: 'whatsapp',
        name: approval.name,
        category: 'UTILITY',
        content_type: 'twilio/text',
        status: approval.status,
        rejection_reason: approval.rejectionReason,
        allow_category_change: true,
      },
      url: `https://content.twilio.com/v1/Content/${contentSid}/ApprovalRequests`,
    });
  }

  private serveContent(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    const media = [...this.media.values()].find((m) => m.contentPath === path);
    const status = media && req.method === 'GET' ? 200 : 404;
    this.mediaContentCalls.push({ path, authorization: req.headers.authorization, status });
    if (!media || status !== 200) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>');
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
    for (let at = 0; at < media.bytes.length; at += 16_384) res.write(media.bytes.subarray(at, at + 16_384));
    res.end();
  }

  /** The next message to this recipient (E.164, with or without `whatsapp:`) is refused with this error. */
  failNext(to: string, failure: TwilioApiFailure): void {
    const key = bare(to);
    this.failures.set(key, [...(this.failures.get(key) ?? []), failure]);
  }

  /** Twilio's webhook request: the form body and its X-Twilio-Signature, computed by the SDK's own function. */
  signedForm(publicUrl: string, params: Record<string, string>, authToken = this.authToken): SignedTwilioForm {
    return {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1',
        'i-twilio-idempotency-token': randomUUID(),
        'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, publicUrl, params),
      },
      rawBody: Buffer.from(new URLSearchParams(params).toString(), 'utf8'),
    };
  }

  /** The parameters Twilio posts to a number's "A message comes in" webhook for an SMS. */
  inboundSms(from: string, body: string, messageSid = sid('SM')): Record<string, string> {
    return {
      ToCountry: 'US',
      ToState: 'NY',
      SmsMessageSid: messageSid,
      NumMedia: '0',
      ToCity: '',
      FromZip: '',
      SmsSid: messageSid,
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: body,
      FromCountry: 'IN',
      To: this.numbers.sms,
      ToZip: '',
      NumSegments: '1',
      MessageSid: messageSid,
      AccountSid: this.accountSid,
      From: from,
      ApiVersion: API_VERSION,
    };
  }

  /**
   * The parameters of an inbound WhatsApp message: addresses carry `whatsapp:`, media come as MediaUrlN, a shared
   * location as Latitude / Longitude (with Label and Address for a pinned place) and MessageType location.
   */
  inboundWhatsApp(
    from: string,
    body: string,
    opts: {
      messageSid?: string;
      mediaUrls?: string[];
      profileName?: string;
      location?: { latitude: string; longitude: string; label?: string; address?: string };
    } = {},
  ): Record<string, string> {
    const media = opts.mediaUrls ?? [];
    const messageSid = opts.messageSid ?? sid(media.length ? 'MM' : 'SM');
    const params: Record<string, string> = {
      SmsMessageSid: messageSid,
      NumMedia: String(media.length),
      ProfileName: opts.profileName ?? 'Nagrik',
      MessageType: media.length ? 'image' : 'text',
      SmsSid: messageSid,
      WaId: from.replace(/^\+/, ''),
      SmsStatus: 'received',
      Body: body,
      To: `whatsapp:${this.numbers.whatsapp}`,
      NumSegments: '1',
      ReferralNumMedia: '0',
      MessageSid: messageSid,
      AccountSid: this.accountSid,
      From: `whatsapp:${from}`,
      ApiVersion: API_VERSION,
    };
    media.forEach((url, i) => {
      params[`MediaContentType${i}`] = 'image/jpeg';
      params[`MediaUrl${i}`] = url;
    });
    if (opts.location) {
      const { latitude, longitude, label, address } = opts.location;
      Object.assign(params, { MessageType: 'location', Latitude: latitude, Longitude: longitude });
      if (label !== undefined) params.Label = label;
      if (address !== undefined) params.Address = address;
    }
    return params;
  }

  /** The parameters Twilio posts to a message's StatusCallback URL; ErrorCode only on failed / undelivered. */
  statusCallback(
    messageSid: string,
    status: TwilioMessageStatus,
    errorCode?: number,
    opts: { to?: string; whatsapp?: boolean } = {},
  ): Record<string, string> {
    const to = opts.to ?? '+919999900001';
    const params: Record<string, string> = {
      SmsSid: messageSid,
      SmsStatus: status,
      MessageStatus: status,
      To: opts.whatsapp ? `whatsapp:${to}` : to,
      MessageSid: messageSid,
      AccountSid: this.accountSid,
      From: opts.whatsapp ? `whatsapp:${this.numbers.whatsapp}` : this.numbers.sms,
      ApiVersion: API_VERSION,
    };
    if (opts.whatsapp) {
      params.ChannelPrefix = 'whatsapp';
      params.ChannelInstallSid = sid('XE');
      params.ChannelToAddress = to;
    } else if (status === 'delivered') {
      params.RawDlrDoneDate = new Date().toISOString().replace(/\D/g, '').slice(2, 12); // YYMMDDhhmm
    }
    if (errorCode !== undefined) params.ErrorCode = String(errorCode);
    return params;
  }

  private authorized(req: IncomingMessage): boolean {
    return (
      req.headers.authorization === 'Basic ' + Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')
    );
  }

  /**
   * GET of a MediaUrl, with HTTP basic auth (the account enforces it): a 302 to the content on the storage host,
   * as Twilio answers; Twilio's 401 (20003) and 404 (20404) bodies otherwise.
   */
  private mediaAnswer(
    req: IncomingMessage,
    [path, accountSid, , mediaSid]: RegExpExecArray,
    send: (status: number, body: object, headers?: Record<string, string>) => void,
  ): number {
    if (!this.authorized(req) || decodeURIComponent(accountSid) !== this.accountSid) {
      send(401, errorBody(401, 20003, 'Authenticate'), { 'www-authenticate': 'Basic realm="Twilio API"' });
      return 401;
    }
    const media = this.media.get(mediaSid);
    if (!media) {
      send(404, errorBody(404, 20404, `The requested resource ${path} was not found`));
      return 404;
    }
    send(302, {}, { location: `${this.contentBaseUrl}${media.contentPath}` });
    return 302;
  }

  private answer(req: IncomingMessage, rawBody: Buffer, res: ServerResponse): void {
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'twilio-request-id': sid('RQ'),
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '').split('?')[0];
    const mediaMatch = MEDIA_PATH.exec(path);
    if (mediaMatch && req.method === 'GET') {
      const status = this.mediaAnswer(req, mediaMatch, send);
      this.mediaCalls.push({ path, status });
      return;
    }
    const approval = APPROVAL_PATH.exec(path);
    if (approval && req.method === 'GET') {
      this.approvalAnswer(req, approval[1], send);
      return;
    }
    const match = MESSAGES_PATH.exec(path);
    if (!match || req.method !== 'POST') {
      send(404, errorBody(404, 20404, `The requested resource ${path} was not found`));
      return;
    }
    const accountSid = decodeURIComponent(match[1]);
    if (!this.authorized(req) || accountSid !== this.accountSid) {
      send(401, errorBody(401, 20003, 'Authenticate'), { 'www-authenticate': 'Basic realm="Twilio API"' });
      return;
    }
    const params = decodeForm(rawBody);
    const call: TwilioMessageCall = { accountSid, params, status: 0 };
    this.calls.push(call);
    const reply = (status: number, body: object, headers?: Record<string, string>) => {
      call.status = status;
      send(status, body, headers);
    };

    const to = first(params, 'To');
    const from = first(params, 'From');
    const serviceSid = first(params, 'MessagingServiceSid');
    const body = first(params, 'Body');
    const mediaUrls = all(params, 'MediaUrl');
    if (!to) return reply(400, errorBody(400, 21604, "A 'To' phone number is required."));
    if (!from && !serviceSid) return reply(400, errorBody(400, 21603, "A 'From' phone number is required."));
    if (!body && !mediaUrls.length && !first(params, 'ContentSid')) {
      return reply(400, errorBody(400, 21602, 'Message body is required.'));
    }
    const queued = this.failures.get(bare(to));
    const failure = queued?.shift();
    if (failure) {
      const headers: Record<string, string> = {};
      if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      return reply(failure.status, errorBody(failure.status, failure.code, failure.message), headers);
    }

    const messageSid = sid(mediaUrls.length ? 'MM' : 'SM');
    call.sid = messageSid;
    const now = twilioDate();
    const uri = `/${API_VERSION}/Accounts/${accountSid}/Messages/${messageSid}`;
    reply(201, {
      account_sid: accountSid,
      api_version: API_VERSION,
      body: body ?? '',
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: serviceSid ?? null,
      num_media: String(mediaUrls.length),
      num_segments: String(segments(body ?? '')),
      price: null,
      price_unit: 'USD',
      sid: messageSid,
      // A Messaging Service first accepts the message, then picks a sender and queues it.
      status: serviceSid && !from ? 'accepted' : 'queued',
      subresource_uris: { media: `${uri}/Media.json` },
      tags: null,
      to,
      uri: `${uri}.json`,
    });
  }
}

function bare(address: string): string {
  return address.replace(/^whatsapp:/, '');
}

function decodeForm(rawBody: Buffer): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawBody.toString('utf8'))) {
    const seen = params[key];
    if (seen === undefined) params[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else params[key] = [seen, value];
  }
  return params;
}

function first(params: Record<string, string | string[]>, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function all(params: Record<string, string | string[]>, key: string): string[] {
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** SMS parts: GSM-7 160 alone / 153 per part, UCS-2 (Hindi) 70 / 67 UTF-16 units; printable ASCII stands for GSM-7. */
function segments(text: string): number {
  const [single, part] = /^[\x20-\x7e\n\r]*$/.test(text) ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / part);
}
