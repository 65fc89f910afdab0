import { SignedTwilioForm, TwilioApiFake } from '@jansetu/testing';
import { describe, expect, it } from 'vitest';
import { WebhookOutcome, WebhookRequest } from '../channel-adapter.port';
import { EMPTY_TWIML, TwilioWebhook } from './twilio.webhook';

const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
const AUTH_TOKEN = 'test-auth-token-0123456789';
const PUBLIC = 'https://jansetu.example.in';
const CITIZEN = '+919999900001';

describe('TwilioWebhook', () => {
  const settings = { TWILIO_AUTH_TOKEN: AUTH_TOKEN };
  // Only its webhook builders are used here: nothing is sent, so the server is not started.
  const twilio = new TwilioApiFake(ACCOUNT_SID, AUTH_TOKEN);
  const sms = new TwilioWebhook(settings, 'twilio-sms');
  const whatsapp = new TwilioWebhook(settings, 'twilio-whatsapp');
  const status = new TwilioWebhook(settings, 'twilio-status');

  const call = (path: string, form: SignedTwilioForm, publicUrl = PUBLIC + path): WebhookRequest => ({
    method: 'POST',
    publicUrl,
    headers: form.headers,
    rawBody: form.rawBody,
    query: {},
  });
  const signed = (path: string, params: Record<string, string>) => call(path, twilio.signedForm(PUBLIC + path, params));
  const without = (record: Record<string, string>, ...keys: string[]) =>
    Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
  const accepted = (outcome: WebhookOutcome) => {
    if (!outcome.ok) throw new Error(`refused: ${outcome.status} ${outcome.reason}`);
    return outcome;
  };

  describe('inbound SMS', () => {
    it('turns a signed SMS into one message and answers empty TwiML', () => {
      const params = twilio.inboundSms(CITIZEN, 'JOIN PATNA12');

      const outcome = accepted(sms.handle(signed('/webhooks/twilio/sms', params)));

      expect(outcome.messages).toEqual([{ from: CITIZEN, text: 'JOIN PATNA12', providerMessageId: params.MessageSid }]);
      expect(outcome.receipts).toEqual([]);
      expect(outcome.response).toEqual({ contentType: 'text/xml', body: EMPTY_TWIML });
      expect(EMPTY_TWIML).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    });

    it('keeps Hindi text and spaces as sent', () => {
      const text = 'मेरे गाँव में + चोरी हुई है & पुलिस आए';

      const outcome = accepted(sms.handle(signed('/webhooks/twilio/sms', twilio.inboundSms(CITIZEN, text))));

      expect(outcome.messages[0].text).toBe(text);
    });

    it('refuses a call whose parameters were changed after signing (403)', () => {
      const form = twilio.signedForm(PUBLIC + '/webhooks/twilio/sms', twilio.inboundSms(CITIZEN, 'STOP'));
      const tampered = Buffer.from(form.rawBody.toString().replace('Body=STOP', 'Body=JOIN+PATNA12'));

      const outcome = sms.handle(call('/webhooks/twilio/sms', { ...form, rawBody: tampered }));

      expect(outcome).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses a call without X-Twilio-Signature (401)', () => {
      const form = twilio.signedForm(PUBLIC + '/webhooks/twilio/sms', twilio.inboundSms(CITIZEN, 'JOIN PATNA12'));
      const headers = without(form.headers, 'x-twilio-signature');

      expect(sms.handle(call('/webhooks/twilio/sms', { ...form, headers }))).toMatchObject({ ok: false, status: 401 });
    });

    it('refuses a signature computed for another URL (403)', () => {
      const form = twilio.signedForm(
        'https://elsewhere.example.in/webhooks/twilio/sms',
        twilio.inboundSms(CITIZEN, 'Hi'),
      );

      expect(sms.handle(call('/webhooks/twilio/sms', form))).toMatchObject({ ok: false, status: 403 });
    });

    it('refuses a signature made with another auth token (403)', () => {
      const path = '/webhooks/twilio/sms';
      const form = twilio.signedForm(PUBLIC + path, twilio.inboundSms(CITIZEN, 'Hi'), 'some-other-auth-token-000');

      const outcome = sms.handle(call(path, form));

      expect(outcome).toMatchObject({ ok: false, status: 403 });
      expect(JSON.stringify(outcome)).not.toContain(CITIZEN);
    });

    it('accepts the signature when Twilio signed the URL with its default port', () => {
      const path = '/webhooks/twilio/sms';
      const form = twilio.signedForm(`${PUBLIC}:443${path}`, twilio.inboundSms(CITIZEN, 'Hi'));

      expect(accepted(sms.handle(call(path, form))).messages).toHaveLength(1);
    });

    it('answers 400 to a signed call without MessageSid', () => {
      const params = without(twilio.inboundSms(CITIZEN, 'Hi'), 'MessageSid');

      expect(sms.handle(signed('/webhooks/twilio/sms', params))).toMatchObject({ ok: false, status: 400 });
    });
  });

  describe('inbound WhatsApp', () => {
    it('gives the sender without the whatsapp: prefix', () => {
      const params = twilio.inboundWhatsApp(CITIZEN, 'Namaste, ek shikayat hai');

      const outcome = accepted(whatsapp.handle(signed('/webhooks/twilio/whatsapp', params)));

      expect(whatsapp.channel).toBe('whatsapp');
      expect(outcome.messages).toEqual([
        { from: CITIZEN, text: 'Namaste, ek shikayat hai', providerMessageId: params.MessageSid },
      ]);
      expect(outcome.response).toEqual({ contentType: 'text/xml', body: EMPTY_TWIML });
    });

    it('lists attached media by their URLs', () => {
      const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${'1'.repeat(32)}/Media/ME${'2'.repeat(32)}`;
      const params = twilio.inboundWhatsApp(CITIZEN, '', { mediaUrls: [mediaUrl] });

      const outcome = accepted(whatsapp.handle(signed('/webhooks/twilio/whatsapp', params)));

      expect(outcome.messages[0]).toMatchObject({ from: CITIZEN, text: '', mediaIds: [mediaUrl] });
    });
  });

  describe('shared locations', () => {
    const path = '/webhooks/twilio/whatsapp';
    const located = (location: { latitude: string; longitude: string; label?: string; address?: string }, body = '') =>
      accepted(whatsapp.handle(signed(path, twilio.inboundWhatsApp(CITIZEN, body, { location })))).messages[0];

    it.each([
      {
        label: 'a current location, with an empty text',
        location: { latitude: '25.6093', longitude: '85.1376' },
        expected: { text: '', location: { latitude: 25.6093, longitude: 85.1376 } },
      },
      {
        label: 'a pinned place, its label and address as the text',
        location: {
          latitude: '25.6207',
          longitude: '85.1442',
          label: 'Patna Junction',
          address: 'Station Road, Patna',
        },
        expected: { text: 'Patna Junction, Station Road, Patna', location: { latitude: 25.6207, longitude: 85.1442 } },
      },
      {
        label: 'a negative pair at the edges',
        location: { latitude: '-90', longitude: '-180.0' },
        expected: { text: '', location: { latitude: -90, longitude: -180 } },
      },
      {
        label: 'a latitude past 90, dropped',
        location: { latitude: '90.0001', longitude: '85.1' },
        expected: { text: '' },
      },
      {
        label: 'a longitude past 180, dropped',
        location: { latitude: '25.6', longitude: '181' },
        expected: { text: '' },
      },
      { label: 'NaN, dropped', location: { latitude: 'NaN', longitude: '85.1' }, expected: { text: '' } },
      { label: 'Infinity, dropped', location: { latitude: '25.6', longitude: 'Infinity' }, expected: { text: '' } },
      { label: 'empty values, dropped', location: { latitude: '', longitude: '' }, expected: { text: '' } },
      { label: 'hex, dropped', location: { latitude: '0x19', longitude: '85' }, expected: { text: '' } },
    ])('reads $label', ({ location, expected }) => {
      const { providerMessageId, ...rest } = located(location);

      expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
      expect(rest).toEqual({ from: CITIZEN, ...expected });
    });

    it('keeps the citizen’s words over the place’s', () => {
      const message = located(
        { latitude: '25.6', longitude: '85.1', label: 'Gandhi Maidan' },
        'Yahan jhagda ho raha hai',
      );

      expect(message).toMatchObject({
        text: 'Yahan jhagda ho raha hai',
        location: { latitude: 25.6, longitude: 85.1 },
      });
    });

    it('reads Latitude / Longitude on an SMS too', () => {
      const params = { ...twilio.inboundSms(CITIZEN, 'Chori'), Latitude: '25.6', Longitude: '85.1' };

      expect(accepted(sms.handle(signed('/webhooks/twilio/sms', params))).messages[0].location).toEqual({
        latitude: 25.6,
        longitude: 85.1,
      });
    });
  });

  describe('status callbacks', () => {
    const path = '/webhooks/twilio/status';
    const messageSid = 'SM' + 'abcdef0123456789'.repeat(2);

    it('records a delivery', () => {
      const outcome = accepted(status.handle(signed(path, twilio.statusCallback(messageSid, 'delivered'))));

      expect(outcome.receipts).toEqual([{ providerMessageId: messageSid, state: 'delivered' }]);
      expect(outcome.messages).toEqual([]);
    });

    it('records undelivered (30003, handset unreachable) as a failure worth retrying', () => {
      const outcome = accepted(status.handle(signed(path, twilio.statusCallback(messageSid, 'undelivered', 30003))));

      expect(outcome.receipts).toEqual([
        { providerMessageId: messageSid, state: 'failed', failure: 'retryable', errorCode: '30003' },
      ]);
    });

    it('records failed with 21610 as the recipient having opted out', () => {
      const outcome = accepted(status.handle(signed(path, twilio.statusCallback(messageSid, 'failed', 21610))));

      expect(outcome.receipts).toEqual([
        { providerMessageId: messageSid, state: 'failed', failure: 'recipient-opted-out', errorCode: '21610' },
      ]);
    });

    it('records a WhatsApp read receipt', () => {
      const params = twilio.statusCallback(messageSid, 'read', undefined, { whatsapp: true });

      expect(accepted(status.handle(signed(path, params))).receipts).toEqual([
        { providerMessageId: messageSid, state: 'read' },
      ]);
    });

    it('records nothing for a message still queued', () => {
      const outcome = accepted(status.handle(signed(path, twilio.statusCallback(messageSid, 'queued'))));

      expect(outcome.receipts).toEqual([]);
      expect(outcome.messages).toEqual([]);
    });

    it('answers 400 to a signed callback without MessageSid', () => {
      const params = without(twilio.statusCallback(messageSid, 'delivered'), 'MessageSid', 'SmsSid');

      expect(status.handle(signed(path, params))).toMatchObject({ ok: false, status: 400 });
    });

    it('refuses a forged delivery report (403)', () => {
      const form = twilio.signedForm(PUBLIC + path, twilio.statusCallback(messageSid, 'failed', 21610));
      const forged = Buffer.from(form.rawBody.toString().replace(/MessageStatus=failed/, 'MessageStatus=delivered'));

      expect(status.handle(call(path, { ...form, rawBody: forged }))).toMatchObject({ ok: false, status: 403 });
    });
  });
});
