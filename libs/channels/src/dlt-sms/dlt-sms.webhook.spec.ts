import { DltCallbackBuilder } from '@jansetu/testing';
import { describe, expect, it } from 'vitest';
import { DltSmsSettings, dltSmsSettings } from './dlt-sms.provider';
import { DltSmsWebhook } from './dlt-sms.webhook';

const SECRET = 'inbound-secret-0123456789';
const TIP = 'थाना के पास संदिग्ध गाड़ी खड़ी है';

describe('DltSmsWebhook', () => {
  const settings = (overrides: Record<string, string | undefined> = {}): DltSmsSettings =>
    dltSmsSettings.parse({
      DLT_SMS_URL: 'http://127.0.0.1:9/api/v2/sendsms',
      DLT_USERNAME: 'bihar-police',
      DLT_PASSWORD: 'secret-pass',
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: SECRET,
      ...overrides,
    });
  const webhook = new DltSmsWebhook(settings());
  const aggregator = new DltCallbackBuilder({ secret: SECRET });

  it('takes a citizen SMS with the right secret as one inbound message from a +91 number', () => {
    const outcome = webhook.handle(aggregator.inbound({ from: '9876543210', text: TIP, id: 'MO-77001' }));

    expect(webhook).toMatchObject({ channel: 'sms', route: 'dlt-sms' });
    expect(outcome).toEqual({
      ok: true,
      messages: [{ from: '+919876543210', text: TIP, providerMessageId: 'MO-77001' }],
      receipts: [],
    });
  });

  it.each([
    ['GET, secret in the query', { method: 'GET' as const }],
    ['POST form, secret in the header', { secretIn: 'header' as const }],
    ['POST JSON, secret in the query', { format: 'json' as const }],
  ])('accepts %s', (_, via) => {
    const outcome = webhook.handle(aggregator.inbound({ from: '919876543210', text: 'JOIN PTN123', id: '42' }, via));

    expect(outcome).toMatchObject({
      ok: true,
      messages: [{ from: '+919876543210', text: 'JOIN PTN123', providerMessageId: '42' }],
    });
  });

  it('reads other aggregators field names, case-insensitively', () => {
    const outcome = webhook.handle(aggregator.raw({ MSISDN: '+91 98765 43210', Content: 'STOP', SmsId: 'x-9' }));

    expect(outcome).toMatchObject({
      ok: true,
      messages: [{ from: '+919876543210', text: 'STOP', providerMessageId: 'x-9' }],
    });
  });

  it('refuses a wrong secret with 403 and a missing one with 401', () => {
    const call = { from: '9876543210', text: TIP, id: '1' };

    expect(webhook.handle(aggregator.inbound(call, { secret: 'inbound-secret-0123456780' }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(webhook.handle(aggregator.inbound(call, { secret: 'x', secretIn: 'header' }))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(webhook.handle(aggregator.inbound(call, { secretIn: 'none' }))).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('refuses every call while no inbound secret is configured', () => {
    const unconfigured = new DltSmsWebhook(settings({ DLT_INBOUND_SECRET: undefined }));

    expect(unconfigured.handle(aggregator.inbound({ from: '9876543210', text: TIP, id: '1' }))).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('answers 400 to an inbound without sender, text or id, naming no number', () => {
    const noText = webhook.handle(aggregator.raw({ mobile: '9876543210', msgid: '5' }));
    const noSender = webhook.handle(aggregator.raw({ message: TIP, msgid: '5' }));
    const noId = webhook.handle(aggregator.raw({ mobile: '9876543210', message: TIP }));

    for (const outcome of [noText, noSender, noId]) expect(outcome).toMatchObject({ ok: false, status: 400 });
    expect(JSON.stringify(noText)).not.toContain('9876543210');
  });

  it('answers 400 to a JSON body that does not parse', () => {
    const call = aggregator.raw({ mobile: '9876543210' }, { format: 'json' });

    const outcome = webhook.handle({ ...call, rawBody: Buffer.from('{"mobile": "98765') });

    expect(outcome).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    ['DELIVRD', { state: 'delivered' }],
    ['Delivered', { state: 'delivered' }],
    ['SUCCESS', { state: 'delivered' }],
    ['UNDELIV', { state: 'failed', errorCode: 'UNDELIV' }],
    ['FAILED', { state: 'failed', errorCode: 'FAILED' }],
    ['EXPIRED', { state: 'failed', errorCode: 'EXPIRED' }],
    ['REJECTD', { state: 'failed', errorCode: 'REJECTD' }],
    ['DND', { state: 'failed', failure: 'recipient-opted-out', errorCode: 'DND' }],
    ['NCPR', { state: 'failed', failure: 'recipient-opted-out', errorCode: 'NCPR' }],
    ['ACCEPTED', { state: 'sent' }],
    ['SUBMITTED', { state: 'sent' }],
    ['SENT', { state: 'sent' }],
  ])('maps delivery report %s', (status, expected) => {
    const outcome = webhook.handle(aggregator.deliveryReport({ id: 'a1b2c3d4e5', status }));

    expect(outcome).toEqual({ ok: true, messages: [], receipts: [{ providerMessageId: 'a1b2c3d4e5', ...expected }] });
  });

  it('keeps the operator error code of a failed report', () => {
    const outcome = webhook.handle(
      aggregator.deliveryReport({ id: 'a1b2c3d4e5', status: 'UNDELIV', errorCode: '001' }, { method: 'GET' }),
    );

    expect(outcome).toMatchObject({ receipts: [{ state: 'failed', errorCode: '001' }] });
  });

  it('reads a JSON delivery report with other field names', () => {
    const outcome = webhook.handle(
      aggregator.raw({ Message_ID: 'a1b2c3d4e5', DLR_Status: 'DELIVRD' }, { format: 'json', secretIn: 'header' }),
    );

    expect(outcome).toEqual({
      ok: true,
      messages: [],
      receipts: [{ providerMessageId: 'a1b2c3d4e5', state: 'delivered' }],
    });
  });

  it('acknowledges an intermediate status without a receipt, so the aggregator does not retry', () => {
    const outcome = webhook.handle(aggregator.deliveryReport({ id: 'a1b2c3d4e5', status: 'PENDING' }));

    expect(outcome).toEqual({ ok: true, messages: [], receipts: [] });
  });
});
