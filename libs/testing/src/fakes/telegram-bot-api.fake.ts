import { randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';

/** An error as the Bot API reports it: the HTTP status equals error_code. */
export interface BotApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** One request the fake received, whatever its outcome. */
export interface BotApiCall {
  method: string;
  /** As sent: JSON values keep their types, form and query values are strings. */
  params: Record<string, unknown>;
  contentType: string;
  /** The HTTP status the fake answered. */
  status: number;
}

export interface TelegramSentMessage {
  chatId: string;
  messageId: number;
  text: string;
}

interface PlannedFailure {
  /** Successful sends to the chat to let through first. */
  skip: number;
  status: number;
  body: string;
  contentType: string;
}

const MAX_TEXT = 4096;

/** A file a citizen sent, as the Bot API keeps it for getFile and the file server. */
interface TelegramFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  bytes: Buffer;
  /** Whether getFile states file_size and the download Content-Length (false: neither, sent chunked). */
  declareSize: boolean;
}

/** The folder Telegram files a kind of attachment under, by its media type. */
const FOLDERS: [RegExp, string, string][] = [
  [/^image\//, 'photos', 'jpg'],
  [/^video\//, 'videos', 'mp4'],
  [/^audio\/ogg/, 'voice', 'oga'],
  [/^audio\//, 'music', 'mp3'],
];

/** The webhook as getWebhookInfo reports it, plus the secret_token Telegram keeps but never reports. */
export interface TelegramWebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections: number;
  pendingUpdateCount: number;
}

/** The ports Telegram delivers webhooks to; any other is refused by setWebhook. */
const WEBHOOK_PORTS = new Set(['', '443', '80', '88', '8443']);

/** A bot token in Telegram's format, `<bot id>:<35 characters>`, that no real bot has. */
export function fakeBotToken(botId = 123456789): string {
  return `${botId}:AAH${randomBytes(24).toString('base64url')}`;
}

/**
 * A Telegram Bot API server on 127.0.0.1 speaking the real wire format: `POST /bot<token>/<method>` with a JSON,
 * form or multipart body (or a query string), answered `{"ok":true,"result":...}` or
 * `{"ok":false,"error_code":...,"description":...}` with error_code as the HTTP status. An unknown token is 401.
 */
export class TelegramBotApiFake {
  readonly token: string;
  readonly botId: number;
  readonly botUsername: string;
  readonly calls: BotApiCall[] = [];
  readonly sent: TelegramSentMessage[] = [];
  /** The bot's webhook, as the last setWebhook left it; url '' when none is set. */
  webhook: TelegramWebhookState = { url: '', maxConnections: 40, pendingUpdateCount: 0 };
  private server?: Server;
  private port = 0;
  private readonly failures = new Map<string, PlannedFailure[]>();
  private readonly files = new Map<string, TelegramFile>();
  // Private chats number their messages per chat, so two citizens can both receive message 101.
  private readonly lastMessageId = new Map<string, number>();

  constructor(options: { token?: string; botUsername?: string } = {}) {
    this.token = options.token ?? fakeBotToken();
    this.botId = Number(this.token.split(':')[0]);
    this.botUsername = options.botUsername ?? 'BiharPoliceJanSetuBot';
  }

  /** The value for TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    if (!this.server) throw new Error('TelegramBotApiFake is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    ({ server: this.server, port: this.port } = await listenOnLoopback((req, res) => void this.serve(req, res)));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  /** The next sendMessage to this chat (after `skip` successful ones) fails with this Bot API error. */
  failNext(chatId: string | number, error: BotApiError, options: { skip?: number } = {}): this {
    return this.plan(chatId, {
      skip: options.skip ?? 0,
      status: error.error_code,
      body: JSON.stringify({ ok: false, ...error }),
      contentType: 'application/json',
    });
  }

  /** The next sendMessage to this chat gets a non-Bot-API answer, such as the HTML error page of a proxy. */
  failNextRaw(chatId: string | number, status: number, body: string, contentType = 'text/html'): this {
    return this.plan(chatId, { skip: 0, status, body, contentType });
  }

  /** The texts delivered to a chat, oldest first. */
  sentTo(chatId: string | number): string[] {
    return this.sent.filter((m) => m.chatId === String(chatId)).map((m) => m.text);
  }

  /** The calls of one method, e.g. 'sendMessage'. */
  callsOf(method: string): BotApiCall[] {
    return this.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
  }

  /**
   * Keeps a file as if a citizen had sent it; the file_id it returns is what the Update's photo / voice / document
   * carries; `mimeType` picks its folder and extension (photos/file_0.jpg). The Bot API documents no Content-Type for
   * downloads, so the fake sends application/octet-stream; `declareSize: false` leaves file_size and Content-Length out.
   */
  addMedia(bytes: Buffer, mimeType: string, options: { declareSize?: boolean } = {}): string {
    const n = this.files.size;
    const [, folder, extension] = FOLDERS.find(([type]) => type.test(mimeType)) ?? [/./, 'documents', 'bin'];
    const fileId = `AgACAgUAAxkBAAI${randomBytes(30).toString('base64url')}`;
    this.files.set(fileId, {
      fileId,
      fileUniqueId: `AQAD${randomBytes(8).toString('base64url')}`,
      filePath: `${folder}/file_${n}.${extension}`,
      bytes,
      declareSize: options.declareSize ?? true,
    });
    return fileId;
  }

  reset(): void {
    this.calls.length = 0;
    this.sent.length = 0;
    this.failures.clear();
    this.files.clear();
    this.webhook = { url: '', maxConnections: 40, pendingUpdateCount: 0 };
  }

  private plan(chatId: string | number, failure: PlannedFailure): this {
    const queue = this.failures.get(String(chatId)) ?? [];
    queue.push(failure);
    this.failures.set(String(chatId), queue);
    return this;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (download) return this.download(download[1], decodeURIComponent(download[2]), res);
    const route = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(url.pathname);
    const contentType = req.headers['content-type'] ?? '';
    const raw = await readBody(req);
    const method = route?.[2] ?? '';
    let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    let parseError = false;
    try {
      params = { ...params, ...parseParams(raw, contentType) };
    } catch {
      parseError = true;
    }
    const answer = (status: number, body: string, type = 'application/json') => {
      this.calls.push({ method, params, contentType, status });
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const error = (code: number, description: string) =>
      answer(code, JSON.stringify({ ok: false, error_code: code, description }));

    // Telegram answers 404 to a path that is not /bot<token>/<method> or whose token is not token-shaped.
    if (!route || (req.method !== 'POST' && req.method !== 'GET')) return error(404, 'Not Found');
    if (!/^[0-9]+:[A-Za-z0-9_-]+$/.test(route[1])) return error(404, 'Not Found');
    if (route[1] !== this.token) return error(401, 'Unauthorized');
    if (parseError) return error(400, "Bad Request: can't parse JSON object");

    switch (method.toLowerCase()) {
      case 'getme':
        return answer(200, JSON.stringify({ ok: true, result: this.botUser() }));
      case 'sendmessage':
        return this.sendMessage(params, answer, error);
      case 'getfile':
        return this.getFile(params, answer, error);
      case 'setwebhook':
        return this.setWebhook(params, answer, error);
      case 'deletewebhook':
        return this.setWebhook({ ...params, url: '' }, answer, error);
      case 'getwebhookinfo':
        return answer(200, JSON.stringify({ ok: true, result: this.webhookInfo() }));
      default:
        return error(404, 'Not Found');
    }
  }

  private sendMessage(
    params: Record<string, unknown>,
    answer: (status: number, body: string, type?: string) => void,
    error: (code: number, description: string) => void,
  ): void {
    const chatId = scalar(params.chat_id);
    const text = scalar(params.text);
    if (chatId === '') return error(400, 'Bad Request: chat_id is empty');
    if (!/^-?[0-9]+$/.test(chatId)) return error(400, 'Bad Request: chat not found');

    const queue = this.failures.get(chatId);
    const next = queue?.[0];
    if (next && next.skip === 0) {
      queue.shift();
      return answer(next.status, next.body, next.contentType);
    }

    if (text.trim() === '') return error(400, 'Bad Request: message text is empty');
    if (text.length > MAX_TEXT) return error(400, 'Bad Request: message is too long');
    if (next) next.skip -= 1;

    const messageId = (this.lastMessageId.get(chatId) ?? 100) + 1;
    this.lastMessageId.set(chatId, messageId);
    this.sent.push({ chatId, messageId, text });
    const result = {
      message_id: messageId,
      from: this.botUser(),
      chat: { id: Number(chatId), first_name: 'Citizen', type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
    };
    answer(200, JSON.stringify({ ok: true, result }));
  }

  /** getFile: the File object whose file_path the file server serves for an hour. */
  private getFile(
    params: Record<string, unknown>,
    answer: (status: number, body: string, type?: string) => void,
    error: (code: number, description: string) => void,
  ): void {
    const fileId = scalar(params.file_id);
    if (fileId === '') return error(400, 'Bad Request: file_id not specified');
    const file = this.files.get(fileId);
    if (!file) return error(400, 'Bad Request: invalid file_id');
    const result = {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      ...(file.declareSize ? { file_size: file.bytes.length } : {}),
      file_path: file.filePath,
    };
    answer(200, JSON.stringify({ ok: true, result }));
  }

  /** GET /file/bot<token>/<file_path>: the bytes, or Telegram's JSON error. */
  private download(token: string, path: string, res: ServerResponse): void {
    const file = [...this.files.values()].find((f) => f.filePath === path);
    const status = token !== this.token ? 401 : file ? 200 : 404;
    this.calls.push({ method: 'file', params: { file_path: path }, contentType: '', status });
    if (!file || status !== 200) {
      const body = JSON.stringify({
        ok: false,
        error_code: status,
        description: status === 401 ? 'Unauthorized' : 'Not Found',
      });
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(file.declareSize ? { 'content-length': String(file.bytes.length) } : {}),
    });
    if (file.declareSize) {
      res.end(file.bytes);
      return;
    }
    for (let at = 0; at < file.bytes.length; at += 16_384) res.write(file.bytes.subarray(at, at + 16_384));
    res.end();
  }

  /** setWebhook as Telegram checks it: an HTTPS URL on an allowed port, a secret of A-Z a-z 0-9 _ - (1-256). */
  private setWebhook(
    params: Record<string, unknown>,
    answer: (status: number, body: string, type?: string) => void,
    error: (code: number, description: string) => void,
  ): void {
    const url = scalar(params.url);
    const done = (description: string) => answer(200, JSON.stringify({ ok: true, result: true, description }));
    if (url === '') {
      const had = this.webhook.url !== '';
      this.webhook = { url: '', maxConnections: 40, pendingUpdateCount: this.webhook.pendingUpdateCount };
      return done(had ? 'Webhook was deleted' : 'Webhook is already deleted');
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return error(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
    }
    if (parsed.protocol !== 'https:')
      return error(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    if (!WEBHOOK_PORTS.has(parsed.port)) {
      return error(400, 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    const secret = params.secret_token === undefined ? undefined : scalar(params.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      return error(400, 'Bad Request: secret token contains unallowed characters');
    }
    const maxConnections = params.max_connections === undefined ? 40 : Number(scalar(params.max_connections));
    if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) {
      return error(400, 'Bad Request: invalid max_connections specified');
    }
    // A JSON body carries allowed_updates as an array; a form or query string as a JSON-serialised one.
    let allowed = params.allowed_updates;
    if (typeof allowed === 'string') {
      try {
        allowed = JSON.parse(allowed);
      } catch {
        return error(400, "Bad Request: can't parse allowed updates JSON object");
      }
    }
    if (allowed !== undefined && (!Array.isArray(allowed) || allowed.some((u) => typeof u !== 'string'))) {
      return error(400, 'Bad Request: allowed updates must be an Array of String');
    }
    const same = this.webhook.url === url && this.webhook.secretToken === secret;
    this.webhook = {
      url,
      secretToken: secret,
      allowedUpdates: allowed as string[] | undefined,
      maxConnections,
      pendingUpdateCount:
        params.drop_pending_updates === true || params.drop_pending_updates === 'true'
          ? 0
          : this.webhook.pendingUpdateCount,
    };
    done(same ? 'Webhook is already set' : 'Webhook was set');
  }

  /** getWebhookInfo's WebhookInfo: no secret in it, allowed_updates only when some were given. */
  private webhookInfo() {
    const w = this.webhook;
    if (!w.url) return { url: '', has_custom_certificate: false, pending_update_count: w.pendingUpdateCount };
    return {
      url: w.url,
      has_custom_certificate: false,
      pending_update_count: w.pendingUpdateCount,
      max_connections: w.maxConnections,
      ip_address: '149.154.167.220',
      ...(w.allowedUpdates ? { allowed_updates: w.allowedUpdates } : {}),
    };
  }

  private botUser() {
    return { id: this.botId, is_bot: true, first_name: 'JanSetu', username: this.botUsername };
  }
}

/** A parameter as Telegram reads it: a JSON number or string, or a form value; anything else counts as absent. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The Bot API takes parameters as JSON, application/x-www-form-urlencoded or multipart/form-data. */
function parseParams(raw: Buffer, contentType: string): Record<string, unknown> {
  if (!raw.length) return {};
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  }
  if (type === 'application/x-www-form-urlencoded')
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (type === 'multipart/form-data') {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new Error('no boundary');
    const params: Record<string, unknown> = {};
    for (const part of raw.toString('utf8').split(`--${boundary}`)) {
      const split = part.indexOf('\r\n\r\n');
      const name = /name="([^"]*)"/.exec(part.slice(0, split))?.[1];
      if (split < 0 || name === undefined) continue;
      params[name] = part.slice(split + 4).replace(/\r\n$/, '');
    }
    return params;
  }
  return {};
}

/** What Telegram posts to a webhook: the Update as JSON, with the secret_token given to setWebhook in a header. */
export function signedUpdate(update: object, secret: string): { headers: Record<string, string>; body: Buffer } {
  return {
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: Buffer.from(JSON.stringify(update), 'utf8'),
  };
}

let nextUpdateId = 700_000_000;

/**
 * An Update carrying a text message as Telegram sends it, bot_command entity included. A private chat's id is the
 * user's id; a group's is negative.
 */
export function textMessageUpdate(options: {
  chatId: number;
  text: string;
  updateId?: number;
  chatType?: 'private' | 'group' | 'supergroup';
}): { update_id: number; message: Record<string, unknown> } {
  const chatType = options.chatType ?? 'private';
  const user = {
    id: chatType === 'private' ? options.chatId : 55501234,
    is_bot: false,
    first_name: 'Ramesh',
    language_code: 'hi',
  };
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(options.text);
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: {
      message_id: 1 + Math.floor(Math.random() * 10_000),
      from: user,
      chat:
        chatType === 'private'
          ? { id: options.chatId, first_name: user.first_name, type: 'private' }
          : { id: options.chatId, title: 'Mohalla group', type: chatType },
      date: Math.floor(Date.now() / 1000),
      text: options.text,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] } : {}),
    },
  };
}
