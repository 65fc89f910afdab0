import { DltGatewayFake, freePort } from '@jansetu/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DltSmsAdapter } from './dlt-sms.adapter';
import { DltSmsSettings, dltSmsSettings } from './dlt-sms.provider';
import { DltTemplate, DltTemplateCatalogue } from './dlt-templates';

const HINDI = 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ।';
const ENGLISH = 'Bihar Police: child-lifting rumours are false. Do not forward them. Dial 112 for help.';
const CITIZEN = '+919876543210';

describe('DltSmsAdapter', () => {
  const fake = new DltGatewayFake({ username: 'bihar-police', password: 'secret-pass' });
  const settings = (overrides: Record<string, string | undefined> = {}): DltSmsSettings =>
    dltSmsSettings.parse({
      DLT_SMS_URL: fake.url,
      DLT_USERNAME: 'bihar-police',
      DLT_PASSWORD: 'secret-pass',
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: 'inbound-secret-0123456789',
      ...overrides,
    });

  beforeAll(async () => {
    await fake.start();
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
  });

  it('sends Hindi as a POST form carrying entity id, template id, sender and unicode=1', async () => {
    const result = await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: HINDI });

    expect(result).toEqual({ ok: true, providerMessageId: fake.sent[0].messageId });
    expect(fake.calls[0]).toMatchObject({ method: 'POST', contentType: 'application/x-www-form-urlencoded' });
    expect(fake.calls[0].params).toEqual({
      username: 'bihar-police',
      password: 'secret-pass',
      senderid: 'BHRPOL',
      mobileno: '919876543210',
      content: HINDI,
      dlt_entity_id: '1101234567890123456',
      dlt_template_id: '1107160000000012345',
      unicode: '1',
    });
  });

  it('sends English with unicode=0', async () => {
    const result = await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH });

    expect(result.ok).toBe(true);
    expect(fake.sent).toMatchObject([{ text: ENGLISH, unicode: false, sender: 'BHRPOL' }]);
    expect(fake.calls[0].params.unicode).toBe('0');
  });

  it('uses the template id the message was registered under before the default one', async () => {
    await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH, dltTemplateId: '1107169999999999999' });

    expect(fake.sent[0].templateId).toBe('1107169999999999999');
  });

  it('puts the parameters in the query string in GET mode, under the gateway own parameter names', async () => {
    const gov = new DltGatewayFake({
      params: { username: 'uname', password: 'pass', sender: 'send', to: 'dest', text: 'msg', unicode: 'dcs' },
      successStyle: 'success',
    });
    await gov.start();
    try {
      const adapter = new DltSmsAdapter(
        settings({
          DLT_SMS_URL: gov.url,
          DLT_SMS_METHOD: 'GET',
          DLT_PARAM_USERNAME: 'uname',
          DLT_PARAM_PASSWORD: 'pass',
          DLT_PARAM_SENDER: 'send',
          DLT_PARAM_TO: 'dest',
          DLT_PARAM_TEXT: 'msg',
          DLT_PARAM_UNICODE: 'dcs',
        }),
      );
      const result = await adapter.send({ to: '9876543210', text: HINDI });

      expect(result).toEqual({ ok: true, providerMessageId: gov.sent[0].messageId });
      expect(gov.calls[0]).toMatchObject({ method: 'GET', params: { dest: '9876543210', msg: HINDI, dcs: '1' } });
      expect(gov.sent[0]).toMatchObject({ entityId: '1101234567890123456', templateId: '1107160000000012345' });
    } finally {
      await gov.stop();
    }
  });

  it('fails permanently without calling the gateway when no DLT template id exists', async () => {
    const result = await new DltSmsAdapter(settings({ DLT_DEFAULT_TEMPLATE_ID: undefined })).send({
      to: CITIZEN,
      text: HINDI,
    });

    expect(result).toEqual({ ok: false, failure: 'permanent', detail: 'no DLT template id' });
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses a number outside India without calling the gateway', async () => {
    const result = await new DltSmsAdapter(settings()).send({ to: '+447700900123', text: ENGLISH });

    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(fake.calls).toHaveLength(0);
  });

  it('maps a DND refusal to recipient-opted-out, without the number in the detail', async () => {
    fake.failNext(CITIZEN, { status: 200, body: 'ERROR 4010 Number 919876543210 is in DND' });

    const result = await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH });

    expect(result).toMatchObject({ ok: false, failure: 'recipient-opted-out' });
    expect(JSON.stringify(result)).not.toContain('9876543210');
    expect(fake.sent).toHaveLength(0);
  });

  it('maps an NCPR-blocked answer with an HTTP error to recipient-opted-out', async () => {
    fake.failNext(CITIZEN, { status: 400, body: 'Rejected: number registered in NCPR' });

    expect(await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH })).toMatchObject({
      ok: false,
      failure: 'recipient-opted-out',
    });
  });

  it('treats an error text on HTTP 200 as a permanent failure', async () => {
    fake.failNext(CITIZEN, { status: 200, body: 'ERROR 4011 Template content mismatch' });

    const result = await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH });

    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(result.ok === false && result.detail).toContain('Template content mismatch');
  });

  it('treats the gateway own refusal of a missing sender as permanent', async () => {
    const noSender = new DltGatewayFake({ params: { sender: 'header' } });
    await noSender.start();
    try {
      const result = await new DltSmsAdapter(settings({ DLT_SMS_URL: noSender.url })).send({
        to: CITIZEN,
        text: ENGLISH,
      });
      expect(result).toMatchObject({ ok: false, failure: 'permanent' });
      expect(noSender.calls[0].body).toBe('ERROR 4002 Sender ID missing');
    } finally {
      await noSender.stop();
    }
  });

  it('retries later on a 503', async () => {
    fake.failNext(CITIZEN, { status: 503, body: 'Service Unavailable' });

    expect(await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH })).toMatchObject({
      ok: false,
      failure: 'retryable',
    });
  });

  it('backs off for Retry-After seconds on a 429, one second when it is absent', async () => {
    fake.failNext(CITIZEN, { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '7' } });
    fake.failNext(CITIZEN, { status: 429, body: 'Too Many Requests' });
    const adapter = new DltSmsAdapter(settings());

    expect(await adapter.send({ to: CITIZEN, text: ENGLISH })).toMatchObject({
      ok: false,
      failure: 'throttled',
      retryAfterMs: 7000,
    });
    expect(await adapter.send({ to: CITIZEN, text: ENGLISH })).toMatchObject({
      ok: false,
      failure: 'throttled',
      retryAfterMs: 1000,
    });
  });

  it('calls a send retryable when the gateway does not answer in time', async () => {
    fake.failNext(CITIZEN, { delayMs: 1000 });

    const result = await new DltSmsAdapter(settings(), { timeoutMs: 100 }).send({ to: CITIZEN, text: ENGLISH });

    expect(result).toMatchObject({ ok: false, failure: 'retryable' });
  });

  it('calls a send retryable when the gateway cannot be reached, without leaking the password', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/api/v2/sendsms`;

    const result = await new DltSmsAdapter(settings({ DLT_SMS_URL: closed, DLT_SMS_METHOD: 'GET' })).send({
      to: CITIZEN,
      text: ENGLISH,
    });

    expect(result).toMatchObject({ ok: false, failure: 'retryable' });
    expect(JSON.stringify(result)).not.toContain('secret-pass');
  });

  it('takes the message id from a "SUCCESS 402 <id>" answer', async () => {
    const gateway = new DltGatewayFake({ successStyle: 'success' });
    await gateway.start();
    try {
      const result = await new DltSmsAdapter(settings({ DLT_SMS_URL: gateway.url })).send({ to: CITIZEN, text: HINDI });
      expect(gateway.calls[0].body).toBe(`SUCCESS 402 ${gateway.sent[0].messageId}`);
      expect(result).toEqual({ ok: true, providerMessageId: gateway.sent[0].messageId });
    } finally {
      await gateway.stop();
    }
  });

  it('makes up a dlt- id when a successful answer carries none', async () => {
    fake.failNext(CITIZEN, { status: 200, body: 'OK' });

    const result = await new DltSmsAdapter(settings()).send({ to: CITIZEN, text: ENGLISH });

    expect(result.ok && result.providerMessageId).toMatch(/^dlt-/);
  });

  it('declares SMS capabilities with the configured rate', () => {
    const adapter = new DltSmsAdapter(settings({ DLT_RATE: '25' }));

    expect(adapter.channel).toBe('sms');
    expect(adapter.capabilities).toEqual({
      maxLength: 1000,
      encodings: ['gsm7', 'ucs2'],
      templates: true,
      media: false,
      ratePerSecond: 25,
      provider: 'dlt',
    });
  });
});

const REGISTERED: DltTemplate[] = [
  {
    id: '1107160000000000101',
    text: 'जनसेतु: कोड {#var#} नहीं मिला, पोस्टर का कोड जाँचें।',
    language: 'hi',
    kind: 'automatic',
  },
  {
    id: '1107160000000000102',
    text: 'JanSetu: code {#var#} not found. Check the code on the poster.',
    language: 'en',
    kind: 'automatic',
  },
  {
    id: '1107160000000000103',
    text: 'बिहार पुलिस (केस {#var#}): {#var#}{#var#}{#var#}{#var#}',
    language: 'hi',
    kind: 'officer-reply',
  },
];

/** The fake scrubs with the same register the operator gave JanSetu, as the DLT platform would. */
describe('DltSmsAdapter with a DLT template register', () => {
  const fake = new DltGatewayFake({ templates: Object.fromEntries(REGISTERED.map((t) => [t.id, t.text])) });
  const settings = dltSmsSettings.parse({
    DLT_SMS_URL: 'http://127.0.0.1:1/unset',
    DLT_SENDER: 'BHRPOL',
    DLT_ENTITY_ID: '1101234567890123456',
    DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
  });
  const refusals: string[] = [];
  const adapter = (register = REGISTERED) =>
    new DltSmsAdapter(
      { ...settings, DLT_SMS_URL: fake.url },
      { templates: new DltTemplateCatalogue(register), onTemplateRefusal: (r) => refusals.push(r) },
    );

  beforeAll(async () => {
    await fake.start();
  });
  afterEach(() => {
    fake.reset();
    refusals.length = 0;
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('sends each automatic text under the template it matches, in Hindi and in English', async () => {
    const hindi = await adapter().send({ to: CITIZEN, text: 'जनसेतु: कोड 4821 नहीं मिला, पोस्टर का कोड जाँचें।' });
    const english = await adapter().send({
      to: CITIZEN,
      text: 'JanSetu: code 4821 not found. Check the code on the poster.',
    });

    expect([hindi.ok, english.ok]).toEqual([true, true]);
    expect(fake.sent.map((m) => m.templateId)).toEqual(['1107160000000000101', '1107160000000000102']);
  });

  it('refuses a text that matches no registered template without calling the gateway, and counts it', async () => {
    const result = await adapter().send({ to: CITIZEN, text: 'JanSetu: a text nobody registered' });

    expect(result).toEqual({ ok: false, failure: 'permanent', detail: 'SMS: matches no registered DLT template' });
    expect(fake.calls).toHaveLength(0);
    expect(refusals).toEqual(['SMS: matches no registered DLT template']);
  });

  it('sends a long officer reply as numbered parts that the gateway accepts, and returns the first part’s id', async () => {
    const words = 'हम आपकी सूचना पर कार्रवाई कर रहे हैं, कृपया कल सुबह दस बजे अपना पहचान पत्र लेकर थाने आइए। '.repeat(3);
    const result = await adapter().send({ to: CITIZEN, text: `बिहार पुलिस (केस 42): ${words.trim()}` });

    expect(result).toEqual({
      ok: true,
      providerMessageId: fake.sent[0].messageId,
      dltTemplateIds: fake.sent.map(() => '1107160000000000103'),
    });
    expect(fake.calls.every((c) => c.messageId)).toBe(true);
    expect(fake.sent.length).toBeGreaterThan(2);
    expect(fake.sent.map((m) => m.text.match(/: (\d+)\/\d+ /)?.[1])).toEqual(fake.sent.map((_, i) => String(i + 1)));
    expect(new Set(fake.sent.map((m) => m.templateId))).toEqual(new Set(['1107160000000000103']));
  });

  it('holds a broadcast’s own template id to its registered text', async () => {
    const result = await adapter().send({
      to: CITIZEN,
      text: 'Rumours are false.',
      dltTemplateId: '1107160000000000102',
    });

    expect(result).toMatchObject({
      ok: false,
      failure: 'permanent',
      detail: 'SMS: text does not match DLT template 1107160000000000102',
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('without a register, sends under the default id, which the platform scrubs away (the bug a register fixes)', async () => {
    const result = await adapter([]).send({
      to: CITIZEN,
      text: 'JanSetu: code 4821 not found. Check the code on the poster.',
    });

    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(fake.calls[0].body).toBe('ERROR 4008 Template ID not registered');
  });

  it('the fake refuses a text that does not match the template of its id, in the gateway error format', async () => {
    const result = await new DltSmsAdapter({ ...settings, DLT_SMS_URL: fake.url }).send({
      to: CITIZEN,
      text: 'JanSetu: code 4821 was not found anywhere at all, sorry. Check the code on the poster.',
      dltTemplateId: '1107160000000000102',
    });

    expect(result).toMatchObject({ ok: false, failure: 'permanent' });
    expect(fake.calls[0].body).toBe('ERROR 4009 Content does not match template');
    expect(fake.sent).toHaveLength(0);
  });
});
