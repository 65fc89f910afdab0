import { MetaGraphApiFake } from '@jansetu/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebhookOutcome, WebhookRequest } from '../channel-adapter.port';
import { MetaWhatsAppWebhook } from './meta-whatsapp.webhook';
import { MetaWhatsAppSettings, metaWhatsAppSettings } from './meta-whatsapp.provider';

const APP_SECRET = 'app-secret-for-tests';
const VERIFY_TOKEN = 'verify-token-123';
const PUBLIC_URL = 'https://jansetu.example.in/webhooks/whatsapp';

function post(headers: Record<string, string | undefined>, rawBody: Buffer): WebhookRequest {
  return { method: 'POST', publicUrl: PUBLIC_URL, headers, rawBody, query: {} };
}

function signed(payload: unknown, secret = APP_SECRET): WebhookRequest {
  const { headers, rawBody } = MetaGraphApiFake.signedWebhook(payload, secret);
  return post(headers, rawBody);
}

/** Without a template catalogue the webhook answers at once (no promise): messages and statuses are only queued. */
function accepted(answer: WebhookOutcome | Promise<WebhookOutcome>) {
  if (answer instanceof Promise) throw new Error('answered with a promise');
  const outcome = answer;
  if (!outcome.ok) throw new Error(`refused: ${outcome.status} ${outcome.reason}`);
  return outcome;
}

describe('MetaWhatsAppWebhook', () => {
  let settings: MetaWhatsAppSettings;
  let webhook: MetaWhatsAppWebhook;

  beforeAll(() => {
    settings = metaWhatsAppSettings.parse({
      WHATSAPP_ACCESS_TOKEN: 'EAAG-test-token-123',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_GRAPH_API_BASE_URL: 'http://127.0.0.1:9',
    });
    webhook = new MetaWhatsAppWebhook(settings);
  });

  it('is the whatsapp channel on the meta-whatsapp route', () => {
    expect(webhook.channel).toBe('whatsapp');
    expect(webhook.route).toBe('meta-whatsapp');
  });

  describe('subscription handshake (GET)', () => {
    const get = (query: Record<string, string>): WebhookRequest => ({
      method: 'GET',
      publicUrl: PUBLIC_URL,
      headers: {},
      rawBody: Buffer.alloc(0),
      query,
    });

    it('answers hub.challenge as plain text when the verify token matches', () => {
      const outcome = webhook.handle(
        get({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }),
      );

      expect(outcome).toEqual({
        ok: true,
        messages: [],
        receipts: [],
        response: { contentType: 'text/plain', body: '1158201444' },
      });
    });

    it('refuses a wrong verify token with 403', () => {
      const outcome = webhook.handle(
        get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token-124', 'hub.challenge': '1158201444' }),
      );

      expect(outcome).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses a handshake that is not a subscription with 403', () => {
      const outcome = webhook.handle(
        get({ 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' }),
      );

      expect(outcome).toMatchObject({ ok: false, status: 403 });
    });
  });

  describe('signature (POST)', () => {
    const payload = MetaGraphApiFake.inboundText(
      '919876543210',
      'Chori ki soochna',
      'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgg',
    );

    it('accepts a correctly signed message and yields it once', () => {
      const outcome = accepted(webhook.handle(signed(payload)));

      expect(outcome.messages).toEqual([
        { from: '+919876543210', text: 'Chori ki soochna', providerMessageId: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgg' },
      ]);
      expect(outcome.receipts).toEqual([]);
    });

    it('yields the same providerMessageId when Meta delivers the same payload again', () => {
      const first = accepted(webhook.handle(signed(payload)));
      const replay = accepted(webhook.handle(signed(payload)));

      expect(replay.messages.map((m) => m.providerMessageId)).toEqual(first.messages.map((m) => m.providerMessageId));
    });

    it('refuses a body changed after signing with 403', () => {
      const request = signed(payload);
      const tampered = Buffer.from(request.rawBody.toString('utf8').replace('Chori', 'Dakaiti'));

      expect(webhook.handle(post(request.headers, tampered))).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses a body signed with another app secret with 403', () => {
      expect(webhook.handle(signed(payload, 'another-apps-secret'))).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses a signature header that is not sha256=<hex> with 403', () => {
      const request = signed(payload);
      const sha1 = { ...request.headers, 'x-hub-signature-256': 'sha1=0a4d55a8d778e5022fab701977c5d840bbc486d0' };

      expect(webhook.handle(post(sha1, request.rawBody))).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses an unsigned call with 401', () => {
      const request = signed(payload);
      const unsigned = { ...request.headers, 'x-hub-signature-256': undefined };

      expect(webhook.handle(post(unsigned, request.rawBody))).toMatchObject({ ok: false, status: 401 });
    });

    it('refuses malformed JSON with 400 even when correctly signed', () => {
      expect(webhook.handle(signed('{"object":"whatsapp_business_account","entry":['))).toMatchObject({
        ok: false,
        status: 400,
      });
    });

    it('refuses a signed payload that is not a WhatsApp Business Account webhook with 400', () => {
      expect(webhook.handle(signed({ object: 'page', entry: [] }))).toMatchObject({ ok: false, status: 400 });
    });
  });

  describe('messages', () => {
    it('reads a quick-reply button tap as its label', () => {
      const payload = MetaGraphApiFake.inboundMessage('919876543210', {
        type: 'button',
        context: { from: '15550783881', id: 'wamid.HBgLMTU1NTA3ODM4ODEVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA' },
        button: { payload: 'STOP_ALERTS', text: 'Band karein' },
      });

      expect(accepted(webhook.handle(signed(payload))).messages).toMatchObject([
        { from: '+919876543210', text: 'Band karein' },
      ]);
    });

    it('reads an interactive list reply as the chosen title', () => {
      const payload = MetaGraphApiFake.inboundMessage('919876543210', {
        type: 'interactive',
        context: { from: '15550783881', id: 'wamid.HBgLMTU1NTA3ODM4ODEVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA' },
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'thana_12', title: 'Kotwali thana', description: 'Patna' },
        },
      });

      expect(accepted(webhook.handle(signed(payload))).messages).toMatchObject([{ text: 'Kotwali thana' }]);
    });

    it('reads an interactive button reply as its title', () => {
      const payload = MetaGraphApiFake.inboundMessage('919876543210', {
        type: 'interactive',
        context: { from: '15550783881', id: 'wamid.HBgLMTU1NTA3ODM4ODEVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA' },
        interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Haan' } },
      });

      expect(accepted(webhook.handle(signed(payload))).messages).toMatchObject([{ text: 'Haan' }]);
    });

    it('passes a photo on as its media id with the caption as text', () => {
      const payload = MetaGraphApiFake.inboundMessage('919876543210', {
        type: 'image',
        image: {
          caption: 'Gaadi ka number',
          mime_type: 'image/jpeg',
          sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
          id: '1003383421387256',
        },
      });

      expect(accepted(webhook.handle(signed(payload))).messages).toMatchObject([
        { from: '+919876543210', text: 'Gaadi ka number', mediaIds: ['1003383421387256'] },
      ]);
    });

    it('passes a voice note on with an empty text', () => {
      const payload = MetaGraphApiFake.inboundMessage('919876543210', {
        type: 'audio',
        audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc=', id: '2003383421387256', voice: true },
      });

      expect(accepted(webhook.handle(signed(payload))).messages).toMatchObject([
        { text: '', mediaIds: ['2003383421387256'] },
      ]);
    });

    it.each([
      {
        label: 'a pinned place with its name and address as the text',
        location: { latitude: 25.6093, longitude: 85.1376, name: 'Gandhi Maidan', address: 'Patna, Bihar 800001' },
        expected: { text: 'Gandhi Maidan, Patna, Bihar 800001', location: { latitude: 25.6093, longitude: 85.1376 } },
      },
      {
        label: 'a current location with an empty text',
        location: { latitude: 25.5941, longitude: 85.1376 },
        expected: { text: '', location: { latitude: 25.5941, longitude: 85.1376 } },
      },
      {
        label: 'the edges of the globe',
        location: { latitude: -90, longitude: 180 },
        expected: { text: '', location: { latitude: -90, longitude: 180 } },
      },
      {
        label: 'a latitude past 90 as the name alone, without the location',
        location: { latitude: 125.6, longitude: 85.1, name: 'Sonepur Mela' },
        expected: { text: 'Sonepur Mela' },
      },
      {
        label: 'a coordinate that is no number as the address alone',
        location: { latitude: '25.6N', longitude: 85.1, address: 'Hajipur' },
        expected: { text: 'Hajipur' },
      },
    ])('reads a shared location: $label', ({ location, expected }) => {
      const payload = MetaGraphApiFake.inboundMessage('919876543210', { type: 'location', location }, 'wamid.L1');

      expect(accepted(webhook.handle(signed(payload))).messages).toEqual([
        { from: '+919876543210', providerMessageId: 'wamid.L1', ...expected },
      ]);
    });

    it.each([
      ['a longitude past 180', { latitude: 25.6, longitude: 185.1 }],
      ['no coordinates', {}],
      ['null coordinates', { latitude: null, longitude: null }],
      ['a location that is not an object', 'Patna'],
    ])('drops a location message with %s and nothing else in it, without failing the call', (_label, location) => {
      const payload = MetaGraphApiFake.webhook({
        messages: [
          { from: '919876543210', id: 'wamid.L2', timestamp: '1764400000', type: 'location', location },
          { from: '919876543210', id: 'wamid.T2', timestamp: '1764400000', type: 'text', text: { body: 'Help' } },
        ],
      });

      expect(accepted(webhook.handle(signed(payload))).messages).toEqual([
        { from: '+919876543210', providerMessageId: 'wamid.T2', text: 'Help' },
      ]);
    });

    it('ignores calls for another business number of the same app', () => {
      const payload = MetaGraphApiFake.inboundText('919876543210', 'hello', undefined, {
        phoneNumberId: '999999999999',
      });

      expect(accepted(webhook.handle(signed(payload)))).toEqual({ ok: true, messages: [], receipts: [] });
    });

    it('takes a message to one of WHATSAPP_NUMBERS, naming the number it was written to', () => {
      const withNumbers = new MetaWhatsAppWebhook({
        ...settings,
        WHATSAPP_NUMBERS: { patna: { phoneNumberId: '106540352242001' } },
      });
      const toPatna = MetaGraphApiFake.inboundText('919876543210', 'JOIN PAT123', 'wamid.P1', {
        phoneNumberId: '106540352242001',
      });
      const toDefault = MetaGraphApiFake.inboundText('919876543210', 'HELP', 'wamid.D1');

      expect(accepted(withNumbers.handle(signed(toPatna))).messages).toEqual([
        { from: '+919876543210', text: 'JOIN PAT123', providerMessageId: 'wamid.P1', line: 'patna' },
      ]);
      expect(accepted(withNumbers.handle(signed(toDefault))).messages).toEqual([
        { from: '+919876543210', text: 'HELP', providerMessageId: 'wamid.D1' },
      ]);
    });

    it('ignores other webhook fields', () => {
      const payload = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'message_template_status_update',
                value: { event: 'APPROVED', message_template_id: 12345678, message_template_name: 'tip_update' },
              },
            ],
          },
        ],
      };

      expect(accepted(webhook.handle(signed(payload)))).toEqual({ ok: true, messages: [], receipts: [] });
    });
  });

  describe('statuses', () => {
    it.each(['sent', 'delivered', 'read'] as const)('reports %s for the wamid', (state) => {
      const payload = MetaGraphApiFake.statusUpdate('wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS', state);

      expect(accepted(webhook.handle(signed(payload))).receipts).toEqual([
        { providerMessageId: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS', state },
      ]);
    });

    it('reports an undeliverable message (131026) as failed for good', () => {
      const payload = MetaGraphApiFake.statusUpdate('wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS', 'failed', 131026);

      expect(accepted(webhook.handle(signed(payload))).receipts).toEqual([
        {
          providerMessageId: 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS',
          state: 'failed',
          failure: 'permanent',
          errorCode: '131026',
        },
      ]);
    });

    it('reports a closed customer-service window (131047) so the core can retry with a template', () => {
      const payload = MetaGraphApiFake.statusUpdate('wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS', 'failed', 131047);

      expect(accepted(webhook.handle(signed(payload))).receipts).toMatchObject([
        { state: 'failed', failure: 'window-closed', errorCode: '131047' },
      ]);
    });
  });
});
