import { Api, GrammyError, HttpError } from 'grammy';
import {
  ChannelAdapter,
  ChannelCapabilities,
  FetchedMedia,
  MediaTooLargeError,
  OutboundMessage,
  SendResult,
} from '../channel-adapter.port';
import { contentType, declaredSize, MEDIA_DOWNLOAD_TIMEOUT_MS, readBounded } from '../media/bounded-download';
import type { TelegramSettings } from './telegram.provider';

/** Telegram refuses a text longer than this (UTF-16 code units is the strictest reading of its "characters"). */
export const TELEGRAM_MAX_LENGTH = 4096;

type SendFailureResult = Extract<SendResult, { ok: false }>;

export interface TelegramAdapterOptions {
  /** How long one Bot API call may take; grammY's own default (500 s) would stall a dispatcher worker. */
  timeoutSeconds?: number;
}

/**
 * Sends through the Telegram Bot API with grammY's `Api` client: no long polling and no call at construction
 * (updates arrive through TelegramWebhook).
 *
 * providerMessageId: Telegram ids a message by (chat id, message_id), and in a private chat message_id counts per
 * chat (every citizen's first message is about 101), so the id is both: "<chat id>:4711" for one message,
 * "<chat id>:4711+2" for a text sent as 2 parts whose first part is 4711. Like every provider id it is stored only
 * as a keyed hash (providerMessageRef), so the chat id never reaches the database, a log or an officer.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly capabilities: ChannelCapabilities;
  private readonly api: Api;
  private readonly token: string;
  private readonly apiRoot: string;

  constructor(
    settings: Pick<TelegramSettings, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'TELEGRAM_RATE'>,
    options: TelegramAdapterOptions = {},
  ) {
    if (!settings.TELEGRAM_BOT_TOKEN) throw new Error('TelegramAdapter needs TELEGRAM_BOT_TOKEN');
    this.token = settings.TELEGRAM_BOT_TOKEN;
    // grammY refuses a root with a trailing slash, which is an easy thing to paste into an environment file.
    this.apiRoot = settings.TELEGRAM_API_ROOT.replace(/\/+$/, '');
    this.api = new Api(settings.TELEGRAM_BOT_TOKEN, {
      apiRoot: this.apiRoot,
      timeoutSeconds: options.timeoutSeconds ?? 30,
    });
    this.capabilities = {
      maxLength: TELEGRAM_MAX_LENGTH,
      encodings: ['utf8'],
      templates: false,
      media: true,
      ratePerSecond: settings.TELEGRAM_RATE,
      provider: 'telegram',
    };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const chatId = toChatId(message.to);
    if (chatId === undefined)
      return { ok: false, failure: 'permanent', detail: 'the address is not a Telegram chat id' };
    const parts = splitText(message.text);
    let firstMessageId: number | undefined;
    for (const [index, part] of parts.entries()) {
      try {
        // Plain text, no parse_mode: police texts quote citizens, and Markdown/HTML entities would garble or reject them.
        const sent = await this.api.sendMessage(chatId, part);
        firstMessageId ??= sent.message_id;
      } catch (error) {
        const failure = toFailure(error, message.to);
        if (index === 0) return failure;
        // Earlier parts are already on the citizen's phone; a retry of the whole text repeats them.
        return {
          ...failure,
          detail: `part ${index + 1} of ${parts.length} not sent (${index} sent): ${failure.detail}`,
        };
      }
    }
    const id = `${chatId}:${firstMessageId}`;
    return { ok: true, providerMessageId: parts.length > 1 ? `${id}+${parts.length}` : id };
  }

  /**
   * A citizen's attachment by its file_id: getFile gives the file_path (and usually file_size), and the bytes come
   * from {apiRoot}/file/bot<token>/<file_path>. The Bot API hands out files up to 20 MB; getFile refuses larger ones.
   * Errors never carry the download URL: the bot token is in it.
   */
  async fetchMedia(ref: string, maxBytes: number): Promise<FetchedMedia> {
    let file: Awaited<ReturnType<Api['getFile']>>;
    try {
      file = await this.api.getFile(ref);
    } catch (error) {
      throw new Error(`Telegram getFile: ${toFailure(error, '').detail}`);
    }
    const size = declaredSize(file.file_size);
    if (size !== undefined && size > maxBytes) throw new MediaTooLargeError(maxBytes);
    const path = file.file_path;
    if (!path || path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new Error('Telegram getFile answered without a usable file_path');
    }
    const url = `${this.apiRoot}/file/bot${this.token}/${path.split('/').map(encodeURIComponent).join('/')}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(MEDIA_DOWNLOAD_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(`Telegram file download unreachable (${error instanceof Error ? error.name : 'error'})`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`Telegram file download answered ${response.status}`);
    }
    const bytes = await readBounded(response, maxBytes);
    return { bytes, mimeType: mediaType(contentType(response), path) };
  }
}

/**
 * The Bot API documents no Content-Type for downloads; when the file server gives none more specific than
 * application/octet-stream, the file_path's extension (photos/file_3.jpg, voice/file_7.oga) tells what it is.
 */
const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
};

function mediaType(declared: string | undefined, path: string): string {
  if (declared && declared !== 'application/octet-stream') return declared;
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1].toLowerCase();
  return (extension && TYPES_BY_EXTENSION[extension]) || 'application/octet-stream';
}

/** Private chat ids are the user's numeric id; anything else (an @username, a phone number with +) is not ours. */
function toChatId(to: string): number | undefined {
  if (!/^-?[0-9]{1,16}$/.test(to)) return undefined;
  const id = Number(to);
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Cuts a text into parts Telegram accepts: at the last newline, else the last space, within the final quarter before
 * the limit (the separator is dropped); failing both, at the last grapheme boundary, so neither a surrogate pair nor
 * a Devanagari consonant and its matra are torn apart.
 */
export function splitText(text: string, limit = TELEGRAM_MAX_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  const floor = Math.floor((limit * 3) / 4);
  while (rest.length > limit) {
    // limit + 1 units: a separator right at index `limit` still yields a part of exactly `limit` units.
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < floor) cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
    if (cut >= floor) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      cut = lastGraphemeBoundary(window);
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }
  parts.push(rest);
  // Telegram refuses a whitespace-only message; a run of blank lines at a cut would otherwise fail the whole send.
  const kept = parts.filter((p) => p.trim() !== '');
  return kept.length ? kept : [text];
}

/** The last grapheme boundary before the window's final unit (which may belong to a cluster running past it). */
function lastGraphemeBoundary(window: string): number {
  const limit = window.length - 1;
  let boundary = 0;
  for (const { index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(window)) {
    if (index > limit) break;
    boundary = index;
  }
  if (boundary > 0) return boundary;
  // One cluster longer than the limit (combining-mark spam): cut by code point instead.
  const high = window.charCodeAt(limit - 1);
  return high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
}

/**
 * Maps the Bot API's answer onto our failure kinds. Details carry Telegram's description, with the chat id and any
 * other long number removed, because they end up in delivery records officers can read.
 */
function toFailure(error: unknown, chatId: string): SendFailureResult {
  if (error instanceof GrammyError) {
    const detail = `Telegram ${error.error_code}: ${scrub(error.description, chatId)}`;
    const code = error.error_code;
    if (code === 429) {
      return { ok: false, failure: 'throttled', detail, retryAfterMs: (error.parameters.retry_after ?? 1) * 1000 };
    }
    // 403: the user blocked the bot, deleted their account, or never pressed Start; no send can reach them.
    if (code === 403) return { ok: false, failure: 'recipient-opted-out', detail };
    if (code >= 500) return { ok: false, failure: 'retryable', detail };
    // 401/404 mean the bot token was refused: the deployment is at fault, not the message, so it may go once fixed.
    if (code === 401 || code === 404) {
      return { ok: false, failure: 'retryable', detail: `${detail} (bot token refused: check TELEGRAM_BOT_TOKEN)` };
    }
    return { ok: false, failure: 'permanent', detail };
  }
  // grammY's HttpError message names the method only (the token is in the URL, which it leaves out).
  if (error instanceof HttpError) return { ok: false, failure: 'retryable', detail: error.message };
  return { ok: false, failure: 'retryable', detail: 'unexpected error calling the Telegram Bot API' };
}

function scrub(description: string, chatId: string): string {
  return (chatId ? description.split(chatId).join('<chat>') : description).replace(/[0-9]{6,}/g, '<id>').slice(0, 300);
}
