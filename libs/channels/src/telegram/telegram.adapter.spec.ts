import { TelegramBotApiFake } from '@jansetu/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MediaTooLargeError } from '../channel-adapter.port';
import { splitText, TelegramAdapter } from './telegram.adapter';
import { TelegramSettings, telegramSettings } from './telegram.provider';

const CHAT = '5550012345';

describe('TelegramAdapter', () => {
  const fake = new TelegramBotApiFake();
  let settings: TelegramSettings;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    await fake.start();
    settings = telegramSettings.parse({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_WEBHOOK_SECRET: 'webhook-secret-0123456789',
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
      TELEGRAM_RATE: '25',
    });
    adapter = new TelegramAdapter(settings);
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
  });

  it('calls nothing when built, and declares what Telegram allows', () => {
    new TelegramAdapter(settings);
    expect(fake.calls).toEqual([]);
    expect(adapter.channel).toBe('telegram');
    expect(adapter.capabilities).toEqual({
      maxLength: 4096,
      encodings: ['utf8'],
      templates: false,
      media: true,
      ratePerSecond: 25,
      provider: 'telegram',
    });
  });

  it('sends a text as plain sendMessage and returns its chat and message_id (message_id counts per chat)', async () => {
    const text = 'जनसेतु: आज रात 10 बजे के बाद गांधी मैदान में भीड़ न लगाएं। Bihar Police';
    const result = await adapter.send({ to: CHAT, text });

    expect(fake.sentTo(CHAT)).toEqual([text]);
    const [call] = fake.callsOf('sendMessage');
    expect(String(call.params.chat_id)).toBe(CHAT);
    expect(call.params.parse_mode).toBeUndefined();
    expect(result).toEqual({ ok: true, providerMessageId: `${CHAT}:${fake.sent[0].messageId}` });
  });

  it('splits a 5,000-character text into two messages of at most 4,096 and loses nothing', async () => {
    const sentence = 'साइबर ठगी से बचें: कोई भी OTP किसी को न बताएं।';
    let text = '';
    for (let i = 0; text.length < 5000; i++) text += (i % 7 === 6 ? '\n' : ' ') + `${i}. ${sentence}`;
    text = text.slice(1, 5001);
    expect(text).toHaveLength(5000);

    const result = await adapter.send({ to: CHAT, text });

    const parts = fake.sentTo(CHAT);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    // One separator (a newline or a space) is dropped at the cut; nothing else changes.
    expect(text[parts[0].length]).toMatch(/^\s$/);
    expect(parts[0] + text[parts[0].length] + parts[1]).toBe(text);
    expect(result).toEqual({ ok: true, providerMessageId: `${CHAT}:${fake.sent[0].messageId}+2` });
  });

  it('maps 429 to throttled with retry_after in milliseconds', async () => {
    fake.failNext(CHAT, {
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    const result = await adapter.send({ to: CHAT, text: 'alert' });
    expect(result).toMatchObject({ ok: false, failure: 'throttled', retryAfterMs: 3000 });
    expect(fake.sentTo(CHAT)).toEqual([]);
  });

  it.each([
    ['Forbidden: bot was blocked by the user'],
    ['Forbidden: user is deactivated'],
    ["Forbidden: bot can't initiate conversation with a user"],
  ])('maps 403 "%s" to recipient-opted-out', async (description) => {
    fake.failNext(CHAT, { error_code: 403, description });
    expect(await adapter.send({ to: CHAT, text: 'alert' })).toMatchObject({
      ok: false,
      failure: 'recipient-opted-out',
    });
  });

  it('maps 400 chat not found to permanent', async () => {
    fake.failNext(CHAT, { error_code: 400, description: 'Bad Request: chat not found' });
    expect(await adapter.send({ to: CHAT, text: 'alert' })).toMatchObject({
      ok: false,
      failure: 'permanent',
      detail: 'Telegram 400: Bad Request: chat not found',
    });
  });

  it('maps a 502, whether the Bot API or its proxy answers, to retryable', async () => {
    fake.failNext(CHAT, { error_code: 502, description: 'Bad Gateway' });
    expect(await adapter.send({ to: CHAT, text: 'alert' })).toMatchObject({ ok: false, failure: 'retryable' });

    fake.failNextRaw(CHAT, 502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    expect(await adapter.send({ to: CHAT, text: 'alert' })).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('maps an unreachable Bot API to retryable', async () => {
    const down = new TelegramBotApiFake({ token: fake.token });
    await down.start();
    const apiRoot = down.apiRoot;
    await down.stop();
    const unreachable = new TelegramAdapter({ ...settings, TELEGRAM_API_ROOT: apiRoot });
    expect(await unreachable.send({ to: CHAT, text: 'alert' })).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('keeps a refused bot token retryable and out of the detail', async () => {
    const other = new TelegramBotApiFake();
    const wrong = new TelegramAdapter({ ...settings, TELEGRAM_BOT_TOKEN: other.token });
    const result = await wrong.send({ to: CHAT, text: 'alert' });
    expect(result).toMatchObject({ ok: false, failure: 'retryable' });
    expect(JSON.stringify(result)).not.toContain(other.token.split(':')[1]);
    expect(fake.calls.map((c) => c.status)).toEqual([401]);
    expect(fake.sentTo(CHAT)).toEqual([]);
  });

  it('says which part failed when a long text is cut off midway', async () => {
    fake.failNext(CHAT, { error_code: 403, description: 'Forbidden: bot was blocked by the user' }, { skip: 1 });
    const result = await adapter.send({ to: CHAT, text: 'सूचना '.repeat(1000) });
    expect(fake.sentTo(CHAT)).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, failure: 'recipient-opted-out' });
    expect(result.ok === false && result.detail).toMatch(/^part 2 of 2 not sent \(1 sent\)/);
  });

  it('refuses an address that is not a chat id without calling Telegram', async () => {
    expect(await adapter.send({ to: '+919876543210', text: 'alert' })).toMatchObject({
      ok: false,
      failure: 'permanent',
    });
    expect(fake.calls).toEqual([]);
  });

  it('never puts the chat id in a failure detail', async () => {
    const failures = [
      { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      { error_code: 400, description: 'Bad Request: chat not found' },
      { error_code: 400, description: `Bad Request: chat ${CHAT} not found` },
      { error_code: 502, description: 'Bad Gateway' },
    ];
    for (const failure of failures) {
      fake.failNext(CHAT, failure);
      const result = await adapter.send({ to: CHAT, text: 'alert' });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(CHAT);
    }
  });

  describe('fetchMedia', () => {
    const voice = Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7) % 256));

    it('asks getFile for the file_path and downloads it from /file/bot<token>/<path>', async () => {
      const fileId = fake.addMedia(voice, 'audio/ogg');

      const media = await adapter.fetchMedia(fileId, 1_000_000);

      expect(media.bytes.equals(voice)).toBe(true);
      // The fake's file server says application/octet-stream; the .oga of voice/file_0.oga says what it is.
      expect(media.mimeType).toBe('audio/ogg');
      expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
        ['getFile', 200],
        ['file', 200],
      ]);
      expect(fake.callsOf('getFile')[0].params.file_id).toBe(fileId);
    });

    it('refuses a file_size over the limit without downloading it', async () => {
      const fileId = fake.addMedia(voice, 'image/jpeg');

      await expect(adapter.fetchMedia(fileId, voice.length - 1)).rejects.toBeInstanceOf(MediaTooLargeError);
      expect(fake.callsOf('file')).toEqual([]);
    });

    it('stops reading a download without declared size once it grows past the limit', async () => {
      const video = Buffer.alloc(1_500_000, 3);
      const fileId = fake.addMedia(video, 'video/mp4', { declareSize: false });

      await expect(adapter.fetchMedia(fileId, 64_000)).rejects.toBeInstanceOf(MediaTooLargeError);
      expect((await adapter.fetchMedia(fileId, video.length)).mimeType).toBe('video/mp4');
    });

    it('fails with Telegram’s description for a file_id it does not know', async () => {
      const error = await adapter.fetchMedia('AgACAgUAAxkBAAI-unknown', 1_000_000).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(MediaTooLargeError);
      expect((error as Error).message).toBe('Telegram getFile: Telegram 400: Bad Request: invalid file_id');
    });

    it('fails on a refused bot token, without naming it', async () => {
      const fileId = fake.addMedia(voice, 'audio/ogg');
      const other = new TelegramAdapter({
        ...settings,
        TELEGRAM_BOT_TOKEN: '987654321:AAHwrongwrongwrongwrongwrongwrong12',
      });

      const error = await other.fetchMedia(fileId, 1_000_000).catch((e: unknown) => e);

      expect((error as Error).message).toMatch(/^Telegram getFile: Telegram 401: Unauthorized/);
      expect((error as Error).message).not.toContain('AAHwrong');
    });
  });
});

describe('splitText', () => {
  it('leaves a text within the limit whole', () => {
    const text = 'क'.repeat(4096);
    expect(splitText(text)).toEqual([text]);
  });

  it('prefers a newline near the limit to a later space', () => {
    const text = `${'a '.repeat(1900)}\n${'b '.repeat(1000)}`;
    const [first, second] = splitText(text);
    expect(first).toBe('a '.repeat(1900));
    expect(second).toBe('b '.repeat(1000));
  });

  it('never splits a surrogate pair when there is no space to cut at', () => {
    const text = 'x' + '🚨'.repeat(3000);
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(part).not.toMatch(/\p{Cs}/u);
    }
  });

  it('keeps a Devanagari consonant with its vowel sign when cutting a word', () => {
    const text = 'x' + 'कि'.repeat(2500);
    const parts = splitText(text);
    expect(parts.join('')).toBe(text);
    expect(parts[0].length).toBeLessThanOrEqual(4096);
    expect(parts[1]).not.toMatch(/^\p{M}/u);
  });
});
