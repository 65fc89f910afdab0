import { fakeBotToken, signedUpdate, textMessageUpdate } from '@jansetu/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebhookOutcome, WebhookRequest } from '../channel-adapter.port';
import { TelegramWebhook } from './telegram.webhook';
import { TelegramSettings, telegramSettings } from './telegram.provider';

const SECRET = 'tg-webhook-secret_5f2c9a71b0';
const CHAT = 5550012345;

function post(parts: { headers: Record<string, string>; body: Buffer }): WebhookRequest {
  return {
    method: 'POST',
    publicUrl: 'https://jansetu.example.in/webhooks/telegram',
    headers: parts.headers,
    rawBody: parts.body,
    query: {},
  };
}

function messagesOf(outcome: WebhookOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.status} ${outcome.reason}`);
  return outcome.messages;
}

describe('TelegramWebhook', () => {
  let settings: TelegramSettings;
  let webhook: TelegramWebhook;

  beforeAll(() => {
    settings = telegramSettings.parse({
      TELEGRAM_BOT_TOKEN: fakeBotToken(),
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
    });
    webhook = new TelegramWebhook(settings);
  });

  it('turns a t.me deep link /start <code> into JOIN <code>, keyed by update_id', () => {
    const update = textMessageUpdate({ chatId: CHAT, text: '/start 482193', updateId: 912345001 });
    const outcome = webhook.handle(post(signedUpdate(update, SECRET)));
    expect(outcome).toEqual({
      ok: true,
      messages: [{ from: String(CHAT), text: 'JOIN 482193', providerMessageId: '912345001' }],
      receipts: [],
    });
  });

  it('reads the Start button (a bare /start) as HELP and /stop as STOP', () => {
    const start = webhook.handle(post(signedUpdate(textMessageUpdate({ chatId: CHAT, text: '/start' }), SECRET)));
    expect(messagesOf(start).map((m) => m.text)).toEqual(['HELP']);
    const stop = webhook.handle(post(signedUpdate(textMessageUpdate({ chatId: CHAT, text: '/stop' }), SECRET)));
    expect(messagesOf(stop).map((m) => m.text)).toEqual(['STOP']);
  });

  it('passes a citizen text through unchanged', () => {
    const text = 'थाना के पास रात में संदिग्ध गाड़ी खड़ी रहती है';
    const outcome = webhook.handle(post(signedUpdate(textMessageUpdate({ chatId: CHAT, text }), SECRET)));
    expect(messagesOf(outcome)).toEqual([{ from: String(CHAT), text, providerMessageId: expect.any(String) }]);
  });

  it('answers 403 to a wrong secret and 401 to none, before reading the body', () => {
    const update = textMessageUpdate({ chatId: CHAT, text: '/start 482193' });
    const wrong = webhook.handle(post(signedUpdate(update, 'tg-webhook-secret_5f2c9a71b1')));
    expect(wrong).toMatchObject({ ok: false, status: 403 });

    const { body } = signedUpdate(update, SECRET);
    const missing = webhook.handle(post({ headers: { 'content-type': 'application/json' }, body }));
    expect(missing).toMatchObject({ ok: false, status: 401 });

    // A wrong secret with a broken body is still 403: nothing is parsed for an unauthenticated caller.
    const unparsed = webhook.handle(post({ headers: signedUpdate({}, 'x').headers, body: Buffer.from('{') }));
    expect(unparsed).toMatchObject({ ok: false, status: 403 });
    for (const outcome of [wrong, missing, unparsed]) {
      expect(JSON.stringify(outcome)).not.toContain(SECRET);
      expect(JSON.stringify(outcome)).not.toContain(String(CHAT));
    }
  });

  it('answers 400 to a body that is not an Update', () => {
    for (const body of ['{"update_id": 1,', '[]', '{"message": {"text": "hi"}}', '{"update_id": "7"}']) {
      const outcome = webhook.handle(post({ ...signedUpdate({}, SECRET), body: Buffer.from(body) }));
      expect(outcome).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('acknowledges and drops what is not a citizen writing to the bot in private', () => {
    const group = textMessageUpdate({ chatId: -1001234567890, text: 'JOIN 482193', chatType: 'supergroup' });
    const edited = { update_id: 912345010, edited_message: textMessageUpdate({ chatId: CHAT, text: 'hi' }).message };
    const blocked = {
      update_id: 912345011,
      my_chat_member: {
        chat: { id: CHAT, first_name: 'Ramesh', type: 'private' },
        from: { id: CHAT, is_bot: false, first_name: 'Ramesh' },
        date: 1764400000,
        old_chat_member: { user: { id: 123456789, is_bot: true, first_name: 'JanSetu' }, status: 'member' },
        new_chat_member: {
          user: { id: 123456789, is_bot: true, first_name: 'JanSetu' },
          status: 'kicked',
          until_date: 0,
        },
      },
    };
    const sticker = textMessageUpdate({ chatId: CHAT, text: '' });
    delete sticker.message.text;
    sticker.message.sticker = { file_id: 'CAACAgUAAxkBAAIBZ2Z', file_unique_id: 'AgADxQ', width: 512, height: 512 };

    for (const update of [group, edited, blocked, sticker]) {
      const outcome = webhook.handle(post(signedUpdate(update, SECRET)));
      expect(outcome).toEqual({ ok: true, messages: [], receipts: [] });
    }
  });

  it('passes a photo with its caption and the largest size file_id, and one without a caption with an empty text', () => {
    const update = textMessageUpdate({ chatId: CHAT, text: '', updateId: 912345020 });
    delete update.message.text;
    update.message.photo = [
      { file_id: 'AgACAgUAAxkBAAIBsmall', file_unique_id: 'AQADs', width: 90, height: 67, file_size: 1204 },
      { file_id: 'AgACAgUAAxkBAAIBlarge', file_unique_id: 'AQADl', width: 1280, height: 960, file_size: 98211 },
      { file_id: 'AgACAgUAAxkBAAIBmedium', file_unique_id: 'AQADm', width: 320, height: 240, file_size: 14532 },
    ];
    update.message.caption = 'अवैध बालू खनन, सोन नदी घाट';
    expect(messagesOf(webhook.handle(post(signedUpdate(update, SECRET))))).toEqual([
      {
        from: String(CHAT),
        text: 'अवैध बालू खनन, सोन नदी घाट',
        providerMessageId: '912345020',
        mediaIds: ['AgACAgUAAxkBAAIBlarge'],
      },
    ]);

    delete update.message.caption;
    expect(messagesOf(webhook.handle(post(signedUpdate(update, SECRET))))).toEqual([
      { from: String(CHAT), text: '', providerMessageId: '912345020', mediaIds: ['AgACAgUAAxkBAAIBlarge'] },
    ]);
  });

  it('passes a voice note without words, as its file_id', () => {
    const update = textMessageUpdate({ chatId: CHAT, text: '' });
    delete update.message.text;
    update.message.voice = {
      file_id: 'AwACAgUAAxkBAAIBvoice',
      file_unique_id: 'AgADv',
      duration: 12,
      mime_type: 'audio/ogg',
    };
    expect(messagesOf(webhook.handle(post(signedUpdate(update, SECRET))))).toMatchObject([
      { text: '', mediaIds: ['AwACAgUAAxkBAAIBvoice'] },
    ]);
  });

  it('passes a document with its caption', () => {
    const update = textMessageUpdate({ chatId: CHAT, text: '' });
    delete update.message.text;
    update.message.document = { file_id: 'BQACAgUAAxkBAAIBdoc', file_unique_id: 'AgADd', file_name: 'fir.pdf' };
    update.message.caption = 'FIR copy';
    expect(messagesOf(webhook.handle(post(signedUpdate(update, SECRET))))).toMatchObject([
      { text: 'FIR copy', mediaIds: ['BQACAgUAAxkBAAIBdoc'] },
    ]);
  });

  /** A message without text, carrying what `extra` adds (a location, a venue). */
  function update(extra: Record<string, unknown>, updateId = 912345030) {
    const built = textMessageUpdate({ chatId: CHAT, text: '', updateId });
    delete built.message.text;
    Object.assign(built.message, extra);
    return built;
  }

  it.each([
    {
      label: 'a shared location, with an empty text',
      extra: { location: { latitude: 25.6093, longitude: 85.1376 } },
      expected: { text: '', location: { latitude: 25.6093, longitude: 85.1376 } },
    },
    {
      label: 'a live location with its accuracy and period',
      extra: { location: { latitude: 26.1197, longitude: 85.391, horizontal_accuracy: 35, live_period: 900 } },
      expected: { text: '', location: { latitude: 26.1197, longitude: 85.391 } },
    },
    {
      label: 'a venue, its title and address as the text',
      extra: {
        location: { latitude: 25.6207, longitude: 85.1442 },
        venue: {
          location: { latitude: 25.6207, longitude: 85.1442 },
          title: 'Patna Junction',
          address: 'Station Road, Patna',
        },
      },
      expected: { text: 'Patna Junction, Station Road, Patna', location: { latitude: 25.6207, longitude: 85.1442 } },
    },
    {
      label: 'a venue out of range, its words alone',
      extra: { venue: { location: { latitude: 95, longitude: 85.1 }, title: 'Sonepur', address: '' } },
      expected: { text: 'Sonepur' },
    },
  ])('reads $label', ({ extra, expected }) => {
    expect(messagesOf(webhook.handle(post(signedUpdate(update(extra), SECRET))))).toEqual([
      { from: String(CHAT), providerMessageId: '912345030', ...expected },
    ]);
  });

  it.each([
    ['a latitude past 90', { latitude: 90.5, longitude: 85.1 }],
    ['a longitude past -180', { latitude: 25.6, longitude: -180.01 }],
    ['coordinates that are strings', { latitude: 'abc', longitude: '85.1' }],
    ['no coordinates at all', {}],
  ])('acknowledges and drops a location with %s', (_label, location) => {
    expect(webhook.handle(post(signedUpdate(update({ location }), SECRET)))).toEqual({
      ok: true,
      messages: [],
      receipts: [],
    });
  });
});
