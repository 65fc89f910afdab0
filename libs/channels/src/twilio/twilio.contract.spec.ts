import { PrismMock, TWILIO_CONTENT_OPENAPI, TWILIO_OPENAPI } from '@jansetu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledHttp } from '../http/provider-http';
import { TwilioAdapter } from './twilio.adapter';
import { TwilioSettings, twilioSettings } from './twilio.provider';

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const AUTH_TOKEN = 'test-auth-token-0123456789';
// Prism answers with the first example of Twilio's description, so this sid proves the answer came from Prism.
const EXAMPLE_SID = 'SM' + 'a'.repeat(32);

describe('TwilioAdapter against Twilio OpenAPI (twilio_api_v2010.json)', () => {
  const prism = new PrismMock(TWILIO_OPENAPI);
  const PUBLIC = 'https://jansetu.example.in';
  let settings: TwilioSettings;

  beforeAll(async () => {
    await prism.start();
    settings = twilioSettings.parse({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: prism.baseUrl,
      TWILIO_SMS_FROM: '+15005550006',
      TWILIO_WHATSAPP_FROM: '+14155238886',
    });
  }, 120_000);
  afterAll(async () => prism.stop());

  it('sends an SMS the description accepts', async () => {
    const result = await new TwilioAdapter(settings, 'sms', PUBLIC).send({
      to: '+919999900001',
      text: 'थाना सदर: सावधान रहें',
    });

    expect(result, prism.log.slice(-2000)).toEqual({ ok: true, providerMessageId: EXAMPLE_SID });
  });

  it('sends a WhatsApp message the description accepts', async () => {
    const result = await new TwilioAdapter(settings, 'whatsapp', PUBLIC).send({ to: '+919999900001', text: 'Namaste' });

    expect(result, prism.log.slice(-2000)).toEqual({ ok: true, providerMessageId: EXAMPLE_SID });
  });

  it('sends a WhatsApp template by Content SID (ContentSid + ContentVariables, no Body) the description accepts', async () => {
    const withContent = twilioSettings.parse({
      ...settings,
      TWILIO_CONTENT_SIDS: JSON.stringify({ 'jansetu_alert:hi': 'HX' + 'b'.repeat(32) }),
    });
    const result = await new TwilioAdapter(withContent, 'whatsapp', PUBLIC).send({
      to: '+919999900001',
      text: 'थाना सदर: सावधान रहें',
      template: { name: 'jansetu_alert', language: 'hi', parameters: ['थाना सदर', 'सावधान रहें'] },
    });

    expect(result, prism.log.slice(-2000)).toEqual({ ok: true, providerMessageId: EXAMPLE_SID });
  });

  it('is validating requests: a message without To is refused with 422', async () => {
    const response = await fetch(`${prism.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: 'Basic ' + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ From: '+15005550006', Body: 'Namaste' }).toString(),
    });

    expect(response.status).toBe(422);
  });
});

describe('TwilioAdapter against Twilio OpenAPI (twilio_content_v1.json)', () => {
  const prism = new PrismMock(TWILIO_CONTENT_OPENAPI);
  beforeAll(async () => prism.start(), 120_000);
  afterAll(async () => prism.stop());

  it('asks a template’s WhatsApp approval the way the description allows (Fetch ApprovalFetch)', async () => {
    const exchanges: { url: string; status: number; body: string }[] = [];
    const adapter = new TwilioAdapter(
      twilioSettings.parse({
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_CONTENT_API_BASE_URL: prism.baseUrl,
        TWILIO_WHATSAPP_FROM: '+14155238886',
        TWILIO_CONTENT_SIDS: JSON.stringify({ 'jansetu_alert:hi': 'HX' + 'b'.repeat(32) }),
      }),
      'whatsapp',
      undefined,
      async (url, init) => {
        const response = await pooledHttp(url, init);
        exchanges.push({ url, status: response.status, body: response.text });
        return response;
      },
    );
    expect(await adapter.checkTemplate({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
    // Prism answers the description's example (WhatsApp status "approved") only to a request it validates.
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].url).toBe(`${prism.baseUrl}/v1/Content/HX${'b'.repeat(32)}/ApprovalRequests`);
    expect(exchanges[0].status, exchanges[0].body).toBe(200);
    expect(JSON.parse(exchanges[0].body)).toMatchObject({ whatsapp: { status: 'approved' } });
  });
});
