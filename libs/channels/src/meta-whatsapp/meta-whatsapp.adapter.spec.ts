import { MetaGraphApiFake } from '@jansetu/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MediaTooLargeError } from '../channel-adapter.port';
import { MetaWhatsAppAdapter } from './meta-whatsapp.adapter';
import { MetaWhatsAppSettings, metaWhatsAppSettings } from './meta-whatsapp.provider';

const CITIZEN = '+919876543210';
const TOKEN = 'EAAG-test-token-123';
const PHONE_NUMBER_ID = '106540352242922';

describe('MetaWhatsAppAdapter', () => {
  const fake = new MetaGraphApiFake({ accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID });
  let settings: MetaWhatsAppSettings;
  let adapter: MetaWhatsAppAdapter;

  beforeAll(async () => {
    await fake.start();
    settings = metaWhatsAppSettings.parse({
      WHATSAPP_ACCESS_TOKEN: TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'app-secret-for-tests',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-123',
      WHATSAPP_GRAPH_API_BASE_URL: fake.baseUrl,
      WHATSAPP_RATE: '40',
    });
    adapter = new MetaWhatsAppAdapter(settings);
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
  });

  it('declares what the Cloud API allows, with the configured rate', () => {
    expect(adapter.channel).toBe('whatsapp');
    expect(adapter.capabilities).toEqual({
      maxLength: 4096,
      encodings: ['utf8'],
      templates: true,
      media: true,
      ratePerSecond: 40,
      provider: 'meta',
    });
  });

  it('sends free text to the number without its plus and returns the wamid', async () => {
    const result = await adapter.send({ to: CITIZEN, text: 'आपकी शिकायत दर्ज हो गई है।' });

    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call.method).toBe('POST');
    expect(call.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '919876543210',
      type: 'text',
      text: { preview_url: false, body: 'आपकी शिकायत दर्ज हो गई है।' },
    });
  });

  it('sends the approved template when the core passes one', async () => {
    const result = await adapter.send({
      to: CITIZEN,
      text: 'ignored: the template carries the words',
      template: { name: 'tip_update', language: 'hi', parameters: ['TIP-4821', 'Gardanibagh thana'] },
    });

    expect(result.ok).toBe(true);
    expect(fake.sentTo(CITIZEN)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '919876543210',
        type: 'template',
        template: {
          name: 'tip_update',
          language: { policy: 'deterministic', code: 'hi' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'TIP-4821' },
                { type: 'text', text: 'Gardanibagh thana' },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('sends a template without variables without components', async () => {
    await adapter.send({ to: CITIZEN, text: '', template: { name: 'hello_world', language: 'en_US', parameters: [] } });

    expect(fake.sentTo(CITIZEN)[0].template).toEqual({
      name: 'hello_world',
      language: { policy: 'deterministic', code: 'en_US' },
    });
  });

  it('reports a rate limit (130429) as throttled, waiting a second by default', async () => {
    fake.failNext(CITIZEN, { httpStatus: 400, code: 130429, message: '(#130429) Rate limit hit' });

    const result = await adapter.send({ to: CITIZEN, text: 'hello' });

    expect(result).toMatchObject({ ok: false, failure: 'throttled', retryAfterMs: 1000 });
  });

  it.each([
    [131056, 400, '(#131056) (Business Account, Consumer Account) pair rate limit hit'],
    [80007, 400, '(#80007) Rate limit issues'],
    [4, 429, '(#4) Application request limit reached'],
  ])('reports limit %i as throttled', async (code, httpStatus, message) => {
    fake.failNext(CITIZEN, { httpStatus, code, message });

    expect(await adapter.send({ to: CITIZEN, text: 'hello' })).toMatchObject({ ok: false, failure: 'throttled' });
  });

  it('honours Retry-After on an HTTP 429', async () => {
    fake.failNext(CITIZEN, {
      httpStatus: 429,
      code: 130429,
      message: 'Rate limit hit',
      headers: { 'Retry-After': '7' },
    });

    expect(await adapter.send({ to: CITIZEN, text: 'hello' })).toMatchObject({
      ok: false,
      failure: 'throttled',
      retryAfterMs: 7000,
    });
  });

  it('reports free text outside the 24-hour window (131047) as window-closed', async () => {
    fake.failNext(CITIZEN, {
      httpStatus: 400,
      code: 131047,
      error_subcode: 2494010,
      message: '(#131047) Re-engagement message',
    });

    const result = await adapter.send({ to: CITIZEN, text: 'hello' });

    expect(result).toMatchObject({ ok: false, failure: 'window-closed' });
    expect(result.ok === false && result.detail).toContain('131047');
  });

  it('reports a user who stopped marketing messages (131050) as opted out', async () => {
    fake.failNext(CITIZEN, { httpStatus: 400, code: 131050, message: 'User stopped marketing messages' });

    expect(await adapter.send({ to: CITIZEN, text: 'hello' })).toMatchObject({
      ok: false,
      failure: 'recipient-opted-out',
    });
  });

  it.each([
    [131026, '(#131026) Message undeliverable'],
    [131051, '(#131051) Unsupported message type'],
    [100, '(#100) Invalid parameter'],
    [132000, '(#132000) Number of parameters does not match the expected number of params'],
    [132001, '(#132001) Template name does not exist in the translation'],
  ])('reports error %i as permanent', async (code, message) => {
    fake.failNext(CITIZEN, { httpStatus: 400, code, message });

    expect(await adapter.send({ to: CITIZEN, text: 'hello' })).toMatchObject({ ok: false, failure: 'permanent' });
  });

  it('reports a rejected access token (190) as permanent, naming neither token nor number', async () => {
    const wrongToken = new MetaWhatsAppAdapter({ ...settings, WHATSAPP_ACCESS_TOKEN: 'EAAG-revoked-token-999' });

    const result = await wrongToken.send({ to: CITIZEN, text: 'hello' });

    expect(fake.calls[0].status).toBe(401);
    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(result.ok === false && result.detail).toContain('190');
    expect(JSON.stringify(result)).not.toMatch(/EAAG|9876543210/);
  });

  it('keeps a phone number Meta quotes in its error out of the detail', async () => {
    fake.failNext(CITIZEN, { httpStatus: 400, code: 131026, message: 'Recipient +91 98765 43210 is not on WhatsApp' });

    const result = await adapter.send({ to: CITIZEN, text: 'hello' });

    expect(JSON.stringify(result)).not.toMatch(/98765|43210/);
  });

  it.each([
    [500, 131000, '(#131000) Something went wrong'],
    [503, 131016, '(#131016) Service unavailable'],
    [500, 1, 'An unknown error occurred'],
    [400, 131000, '(#131000) Something went wrong'],
  ])('reports HTTP %i code %i as retryable', async (httpStatus, code, message) => {
    fake.failNext(CITIZEN, { httpStatus, code, message });

    expect(await adapter.send({ to: CITIZEN, text: 'hello' })).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('reports an unreachable Graph API as retryable instead of throwing', async () => {
    const offline = new MetaWhatsAppAdapter({ ...settings, WHATSAPP_GRAPH_API_BASE_URL: 'http://127.0.0.1:1' });

    expect(await offline.send({ to: CITIZEN, text: 'hello' })).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('reports a 5xx without a JSON body as retryable', async () => {
    const gateway = new MetaWhatsAppAdapter(settings, undefined, undefined, undefined, async () => ({
      status: 502,
      header: () => undefined,
      text: '<html>Bad Gateway</html>',
    }));

    expect(await gateway.send({ to: CITIZEN, text: 'hello' })).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('refuses an address that is not a phone number without calling Meta', async () => {
    expect(await adapter.send({ to: 'not-a-number', text: 'hello' })).toMatchObject({
      ok: false,
      failure: 'permanent',
    });
    expect(fake.calls).toEqual([]);
  });

  describe('fetchMedia', () => {
    const photo = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));

    it('looks the media id up, then downloads its URL with the same bearer token', async () => {
      const id = fake.addMedia(photo, 'image/jpeg');

      const media = await adapter.fetchMedia(id, 1_000_000);

      expect(media.mimeType).toBe('image/jpeg');
      expect(media.bytes.equals(photo)).toBe(true);
      expect(fake.calls.map((c) => [c.method, c.path, c.status])).toEqual([
        ['GET', `/v23.0/${id}`, 200],
        ['GET', '/whatsapp_business/attachments/', 200],
      ]);
      expect(fake.calls.every((c) => c.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    });

    it('refuses a file_size over the limit without downloading it', async () => {
      const id = fake.addMedia(photo, 'image/jpeg');

      await expect(adapter.fetchMedia(id, photo.length - 1)).rejects.toBeInstanceOf(MediaTooLargeError);
      expect(fake.calls.map((c) => c.path)).toEqual([`/v23.0/${id}`]);
    });

    it('stops reading a download without declared size once it grows past the limit', async () => {
      const big = Buffer.alloc(2_000_000, 7);
      const id = fake.addMedia(big, 'video/mp4', { declareSize: false });

      const error = await adapter.fetchMedia(id, 100_000).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(MediaTooLargeError);
      expect((error as MediaTooLargeError).maxBytes).toBe(100_000);
      // Undeclared but within the limit, the same download goes through.
      expect((await adapter.fetchMedia(id, big.length)).bytes.length).toBe(big.length);
    });

    it('fails with Meta’s error for a media id it does not know', async () => {
      const error = await adapter.fetchMedia('1234567890123456', 1_000_000).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(MediaTooLargeError);
      expect((error as Error).message).toMatch(/^Meta media lookup: Meta answered 400, code 100, subcode 33/);
    });

    it('fails on a refused access token, without naming it', async () => {
      const id = fake.addMedia(photo, 'image/jpeg');
      const wrong = new MetaWhatsAppAdapter({ ...settings, WHATSAPP_ACCESS_TOKEN: 'EAAG-wrong-token-999' });

      const error = await wrong.fetchMedia(id, 1_000_000).catch((e: unknown) => e);

      expect((error as Error).message).toMatch(/Meta answered 401, code 190/);
      expect((error as Error).message).not.toContain('EAAG-wrong-token-999');
    });

    it('sends the token to no download URL off Meta’s hosts', async () => {
      const urls: string[] = [];
      const lying = new MetaWhatsAppAdapter(settings, async (url) => {
        urls.push(url);
        return Response.json({ url: 'https://collector.example.com/steal', mime_type: 'image/jpeg', file_size: 10 });
      });

      await expect(lying.fetchMedia('1234567890123456', 1_000_000)).rejects.toThrow(/without a Meta download URL/);
      expect(urls).toEqual([`${fake.baseUrl}/v23.0/1234567890123456`]);
    });

    it('refuses a reference that is not a media id without calling Meta', async () => {
      await expect(adapter.fetchMedia('../123/messages', 1_000_000)).rejects.toThrow('not a Meta media id');
      expect(fake.calls).toEqual([]);
    });
  });
});
