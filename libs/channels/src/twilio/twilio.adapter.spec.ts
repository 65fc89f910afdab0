import { TwilioApiFake } from '@jansetu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaTooLargeError } from '../channel-adapter.port';
import { TwilioAdapter } from './twilio.adapter';
import { TwilioSettings, twilioSettings } from './twilio.provider';

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const AUTH_TOKEN = 'test-auth-token-0123456789';
const CITIZEN = '+919999900001';
const PUBLIC = 'https://jansetu.example.in';

describe('TwilioAdapter', () => {
  const fake = new TwilioApiFake(ACCOUNT_SID, AUTH_TOKEN);
  const settings = (overrides: Record<string, string | undefined> = {}): TwilioSettings =>
    twilioSettings.parse({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: fake.baseUrl,
      TWILIO_SMS_FROM: '+15005550006',
      TWILIO_WHATSAPP_FROM: '+14155238886',
      ...overrides,
    });
  let sms: TwilioAdapter;
  let whatsapp: TwilioAdapter;

  beforeAll(async () => {
    await fake.start();
    sms = new TwilioAdapter(settings(), 'sms', PUBLIC);
    whatsapp = new TwilioAdapter(settings(), 'whatsapp', PUBLIC);
  });
  afterAll(async () => fake.stop());

  const lastCall = () => fake.calls[fake.calls.length - 1];

  it('sends an SMS and returns the SM sid Twilio assigned', async () => {
    const result = await sms.send({ to: CITIZEN, text: 'Thana Sadar: kal mela mein savdhan rahein.' });

    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    expect(result.ok && result.providerMessageId).toBe(lastCall().sid);
    expect(lastCall().params).toEqual({
      To: CITIZEN,
      From: '+15005550006',
      Body: 'Thana Sadar: kal mela mein savdhan rahein.',
      StatusCallback: 'https://jansetu.example.in/webhooks/twilio/status',
    });
  });

  it('sends Hindi text unchanged', async () => {
    const text = 'थाना सदर: साइबर ठगी से सावधान रहें। OTP किसी को न बताएं।';
    const result = await sms.send({ to: CITIZEN, text });

    expect(result.ok).toBe(true);
    expect(lastCall().params.Body).toBe(text);
  });

  it('sends through a Messaging Service when the SMS sender is an MG sid', async () => {
    const serviceSid = 'MG' + 'fedcba9876543210'.repeat(2);
    const viaService = new TwilioAdapter(settings({ TWILIO_SMS_FROM: serviceSid }), 'sms', PUBLIC);

    const result = await viaService.send({ to: CITIZEN, text: 'Namaste' });

    expect(result.ok).toBe(true);
    expect(lastCall().params.MessagingServiceSid).toBe(serviceSid);
    expect(lastCall().params).not.toHaveProperty('From');
  });

  it('leaves out the status callback when PUBLIC_BASE_URL is not set', async () => {
    const quiet = new TwilioAdapter(settings(), 'sms', undefined);

    expect((await quiet.send({ to: CITIZEN, text: 'Namaste' })).ok).toBe(true);
    expect(lastCall().params).not.toHaveProperty('StatusCallback');
  });

  it('addresses WhatsApp messages with whatsapp: on both ends', async () => {
    const result = await whatsapp.send({ to: CITIZEN, text: 'Aapka sandesh mil gaya.' });

    expect(result.ok).toBe(true);
    expect(lastCall().params).toMatchObject({ To: `whatsapp:${CITIZEN}`, From: 'whatsapp:+14155238886' });
  });

  it('reports a recipient who replied STOP (21610) as opted out, without their number', async () => {
    fake.failNext(CITIZEN, {
      status: 400,
      code: 21610,
      message: `Attempt to send to unsubscribed recipient ${CITIZEN}`,
    });

    const result = await sms.send({ to: CITIZEN, text: 'Namaste' });

    expect(result).toMatchObject({ ok: false, failure: 'recipient-opted-out' });
    expect(JSON.stringify(result)).not.toContain(CITIZEN);
  });

  it('reports 429 as throttled, waiting as long as Retry-After says', async () => {
    fake.failNext(CITIZEN, { status: 429, code: 20429, message: 'Too Many Requests', retryAfterSeconds: 3 });
    fake.failNext(CITIZEN, { status: 429, code: 20429, message: 'Too Many Requests' });

    expect(await sms.send({ to: CITIZEN, text: 'one' })).toMatchObject({
      ok: false,
      failure: 'throttled',
      retryAfterMs: 3000,
    });
    expect(await sms.send({ to: CITIZEN, text: 'two' })).toMatchObject({
      ok: false,
      failure: 'throttled',
      retryAfterMs: 1000,
    });
  });

  it('reports an invalid number (21211) as permanent', async () => {
    fake.failNext(CITIZEN, {
      status: 400,
      code: 21211,
      message: `The 'To' number ${CITIZEN} is not a valid phone number.`,
    });

    const result = await sms.send({ to: CITIZEN, text: 'Namaste' });

    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(JSON.stringify(result)).not.toContain(CITIZEN);
  });

  it('reports a Twilio server error (500) as retryable', async () => {
    fake.failNext(CITIZEN, { status: 500, code: 20500, message: 'Internal Server Error' });

    expect(await sms.send({ to: CITIZEN, text: 'Namaste' })).toMatchObject({ ok: false, failure: 'retryable' });
    expect(lastCall().status).toBe(500);
  });

  it('reports freeform WhatsApp outside the 24-hour window (63016) as window-closed', async () => {
    fake.failNext(CITIZEN, {
      status: 400,
      code: 63016,
      message: 'Failed to send freeform message because you are outside the allowed window.',
    });

    expect(await whatsapp.send({ to: CITIZEN, text: 'Namaste' })).toMatchObject({
      ok: false,
      failure: 'window-closed',
    });
  });

  it('outside the window sends the template by its registered Content SID, its parameters numbered, and no body', async () => {
    const contentSid = 'HX' + '0a1b2c3d4e5f6789'.repeat(2);
    const withContent = new TwilioAdapter(
      settings({ TWILIO_CONTENT_SIDS: JSON.stringify({ 'jansetu_alert:hi': contentSid }) }),
      'whatsapp',
      PUBLIC,
    );

    const result = await withContent.send({
      to: CITIZEN,
      text: 'थाना सदर: साइबर ठगी से सावधान रहें।',
      template: { name: 'jansetu_alert', language: 'hi', parameters: ['थाना सदर', 'साइबर ठगी से सावधान रहें।'] },
    });

    expect(result.ok).toBe(true);
    expect(lastCall().params).toEqual({
      To: `whatsapp:${CITIZEN}`,
      From: 'whatsapp:+14155238886',
      ContentSid: contentSid,
      ContentVariables: JSON.stringify({ '1': 'थाना सदर', '2': 'साइबर ठगी से सावधान रहें।' }),
      StatusCallback: 'https://jansetu.example.in/webhooks/twilio/status',
    });
  });

  it('a template with no registered Content SID is not sent at all, and the failure names the setting to add', async () => {
    const before = fake.calls.length;

    const result = await whatsapp.send({
      to: CITIZEN,
      text: 'Namaste',
      template: { name: 'jansetu_alert', language: 'en', parameters: ['Namaste'] },
    });

    expect(result).toEqual({
      ok: false,
      failure: 'window-closed',
      detail: 'no Twilio Content SID for template jansetu_alert (en): add "jansetu_alert:en" to TWILIO_CONTENT_SIDS',
    });
    expect(fake.calls.length).toBe(before);
  });

  it('refuses Content SIDs that are not JSON or not HX sids, naming the rule', () => {
    expect(() => settings({ TWILIO_CONTENT_SIDS: 'jansetu_alert=HX1' })).toThrow(/TWILIO_CONTENT_SIDS|not JSON/);
    expect(() => settings({ TWILIO_CONTENT_SIDS: JSON.stringify({ 'jansetu_alert:hi': 'HX12' }) })).toThrow(
      /HX followed by 32 hex digits/,
    );
    expect(() => settings({ TWILIO_CONTENT_SIDS: JSON.stringify({ jansetu_alert: 'HX' + '0'.repeat(32) }) })).toThrow(
      /<template name>:<language>/,
    );
  });

  it('reports wrong credentials (20003) as permanent and never as sent', async () => {
    const wrong = new TwilioAdapter(settings({ TWILIO_AUTH_TOKEN: 'not-the-auth-token-000' }), 'sms', PUBLIC);

    const result = await wrong.send({ to: CITIZEN, text: 'Namaste' });

    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(JSON.stringify(result)).not.toContain('not-the-auth-token-000');
  });

  it('reports an unreachable API as retryable instead of throwing', async () => {
    const closed = new TwilioApiFake(ACCOUNT_SID, AUTH_TOKEN);
    await closed.start();
    const baseUrl = closed.baseUrl;
    await closed.stop();
    const offline = new TwilioAdapter(settings({ TWILIO_API_BASE_URL: baseUrl }), 'sms', PUBLIC);

    expect(await offline.send({ to: CITIZEN, text: 'Namaste' })).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('declares each channel with its own limits', () => {
    expect(sms.channel).toBe('sms');
    expect(sms.capabilities).toEqual({
      maxLength: 1600,
      encodings: ['gsm7', 'ucs2'],
      templates: false,
      media: false,
      ratePerSecond: 10,
      provider: 'twilio',
    });
    expect(whatsapp.channel).toBe('whatsapp');
    expect(whatsapp.capabilities).toMatchObject({ maxLength: 1600, templates: true, media: true, provider: 'twilio' });
    expect(
      new TwilioAdapter(settings({ TWILIO_WHATSAPP_RATE: '250' }), 'whatsapp', PUBLIC).capabilities.ratePerSecond,
    ).toBe(250);
  });

  it('refuses to start without the sender of its channel', () => {
    expect(() => new TwilioAdapter(settings({ TWILIO_WHATSAPP_FROM: undefined }), 'whatsapp', PUBLIC)).toThrow(
      /TWILIO_WHATSAPP_FROM/,
    );
  });

  describe('fetchMedia', () => {
    const photo = Buffer.from(Array.from({ length: 30_000 }, (_, i) => (i * 13) % 256));

    it('GETs the MediaUrl with basic auth and follows its redirect to storage without the credentials', async () => {
      const mediaUrl = fake.addMedia(photo, 'image/jpeg');

      const media = await whatsapp.fetchMedia(mediaUrl, 1_000_000);

      expect(media.mimeType).toBe('image/jpeg');
      expect(media.bytes.equals(photo)).toBe(true);
      expect(fake.mediaCalls.at(-1)).toEqual({ path: new URL(mediaUrl).pathname, status: 302 });
      const content = fake.mediaContentCalls.at(-1)!;
      expect(content.status).toBe(200);
      expect(content.authorization).toBeUndefined();
    });

    it('refuses a Content-Length over the limit', async () => {
      const mediaUrl = fake.addMedia(photo, 'image/jpeg');

      await expect(whatsapp.fetchMedia(mediaUrl, photo.length - 1)).rejects.toBeInstanceOf(MediaTooLargeError);
    });

    it('stops reading a download without declared size once it grows past the limit', async () => {
      const video = Buffer.alloc(1_200_000, 9);
      const mediaUrl = fake.addMedia(video, 'video/mp4', { declareSize: false });

      await expect(whatsapp.fetchMedia(mediaUrl, 50_000)).rejects.toBeInstanceOf(MediaTooLargeError);
      expect((await whatsapp.fetchMedia(mediaUrl, video.length)).bytes.length).toBe(video.length);
    });

    it('fails with Twilio’s 404 (20404) for a media sid it does not know', async () => {
      const mediaUrl = fake.addMedia(photo, 'image/jpeg').replace(/ME[0-9a-f]{32}$/, 'ME' + '0'.repeat(32));

      const error = await whatsapp.fetchMedia(mediaUrl, 1_000_000).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(MediaTooLargeError);
      expect((error as Error).message).toBe('Twilio media answered 404 (error 20404)');
    });

    it('fails with Twilio’s 401 (20003) on wrong credentials, without naming them', async () => {
      const mediaUrl = fake.addMedia(photo, 'image/jpeg');
      const wrong = new TwilioAdapter(settings({ TWILIO_AUTH_TOKEN: 'wrong-auth-token-9876543210' }), 'whatsapp');

      const error = await wrong.fetchMedia(mediaUrl, 1_000_000).catch((e: unknown) => e);

      expect((error as Error).message).toBe('Twilio media answered 401 (error 20003)');
      expect(fake.mediaCalls.at(-1)?.status).toBe(401);
      expect((error as Error).message).not.toContain('wrong-auth-token');
    });

    it.each([
      ['another host', 'https://media.example.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1'],
      ['the API host on another port', 'http://127.0.0.1:1/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1'],
      ['real Twilio while the fake is configured', 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1'],
      ['no URL at all', 'ME0123'],
    ])('refuses a MediaUrl on %s without sending anything', async (_label, mediaUrl) => {
      const before = fake.mediaCalls.length;

      await expect(whatsapp.fetchMedia(mediaUrl, 1_000_000)).rejects.toThrow(/MediaUrl/);
      expect(fake.mediaCalls).toHaveLength(before);
    });

    it('sends basic auth only to api.twilio.com when no base URL is configured', async () => {
      const real = new TwilioAdapter(settings({ TWILIO_API_BASE_URL: undefined }), 'whatsapp');

      await expect(real.fetchMedia(fake.addMedia(photo, 'image/jpeg'), 1_000_000)).rejects.toThrow(
        'MediaUrl is not on https://api.twilio.com: not fetched',
      );
    });
  });

  describe('WhatsApp templates held to Twilio’s approval of their Content SID (Content API)', () => {
    const APPROVED = 'HX' + 'a1'.repeat(16);
    const PENDING = 'HX' + 'b2'.repeat(16);
    const UNKNOWN = 'HX' + 'c3'.repeat(16);
    const withContent = () =>
      new TwilioAdapter(
        settings({
          TWILIO_CONTENT_SIDS: JSON.stringify({
            'jansetu_alert:hi': APPROVED,
            'flood_alert:hi': PENDING,
            'old_alert:hi': UNKNOWN,
          }),
        }),
        'whatsapp',
        PUBLIC,
      );

    it('passes an approved template, and says why another would be refused', async () => {
      fake.setApproval(APPROVED, 'jansetu_alert');
      fake.setApproval(PENDING, 'flood_alert', 'pending');
      const adapter = withContent();
      expect(await adapter.checkTemplate({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
      expect(await adapter.checkTemplate({ name: 'flood_alert', language: 'hi' })).toMatch(
        new RegExp(`${PENDING}.*not approved for WhatsApp: pending`),
      );
      expect(await adapter.checkTemplate({ name: 'old_alert', language: 'hi' })).toMatch(/unknown to Twilio \(404\)/);
      expect(await adapter.checkTemplate({ name: 'jansetu_alert', language: 'en' })).toMatch(
        /no Twilio Content SID for template jansetu_alert \(en\)/,
      );
    });

    it('asks Twilio once per Content SID for a while, and claims nothing when Twilio cannot be asked', async () => {
      fake.setApproval(APPROVED, 'jansetu_alert');
      const adapter = withContent();
      const before = fake.approvalCalls.length;
      await adapter.checkTemplate({ name: 'jansetu_alert', language: 'hi' });
      await adapter.checkTemplate({ name: 'jansetu_alert', language: 'hi' });
      expect(fake.approvalCalls.length - before).toBe(1);
      const offline = new TwilioAdapter(
        settings({
          TWILIO_CONTENT_SIDS: JSON.stringify({ 'jansetu_alert:hi': APPROVED }),
          TWILIO_CONTENT_API_BASE_URL: 'http://127.0.0.1:1',
        }),
        'whatsapp',
        PUBLIC,
      );
      expect(await offline.checkTemplate({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
    });

    it('checks nothing on SMS', async () => {
      expect(await sms.checkTemplate({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
    });
  });
});
