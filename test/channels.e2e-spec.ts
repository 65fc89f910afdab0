import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ApiClient,
  DltCallbackBuilder,
  DltGatewayFake,
  eventually,
  MetaGraphApiFake,
  signedUpdate,
  TelegramBotApiFake,
  textMessageUpdate,
  TwilioApiFake,
} from '@jansetu/testing';
import { ADMIN, Deployment, SAMPLE_CSV, startDistributed } from './support';

const TELEGRAM_SECRET = 'telegram-webhook-secret-0123';
const META_SECRET = 'meta-app-secret-for-e2e';
const DLT_SECRET = 'dlt-inbound-secret-0123456789';
const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO_TOKEN = 'twilio-auth-token-for-e2e-01';
const PUBLIC_BASE_URL = 'https://jansetu.bihar.example';

interface Registered {
  id: string;
  text: string;
  language: string;
  kind: string;
  key?: string;
}

// The register JanSetu ships for its automatic texts, and the broadcasts this spec sends, registered in advance as
// DLT requires (each with the verification line its SMS carries). The DLT fake scrubs with the same register.
const SHIPPED: Registered[] = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../config/dlt-templates.example.json'), 'utf8'),
).templates;
const broadcastTemplate = (id: string, text: string): Registered => ({
  id,
  text: `${text}\nसत्यापन कोड / Verify: {#var#}`,
  language: 'hi',
  kind: 'broadcast',
});
const REGISTER: Registered[] = [
  ...SHIPPED,
  broadcastTemplate('1107160000000067890', 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ।'),
  broadcastTemplate('1107160000000067891', 'थ्रॉटल परीक्षण'),
  broadcastTemplate('1107160000000067892', 'OTP किसी को न बताएँ।'),
  broadcastTemplate('1107160000000067893', 'दूसरी चेतावनी'),
];
const REGISTER_FILE = join(mkdtempSync(join(tmpdir(), 'jansetu-dlt-')), 'dlt-templates.json');
writeFileSync(REGISTER_FILE, JSON.stringify({ templates: REGISTER }));
const shippedId = (key: string, language = 'hi') => SHIPPED.find((t) => t.key === key && t.language === language)!.id;

/** Posts a provider's webhook call as the provider would: exact bytes and headers. */
async function post(api: ApiClient, path: string, headers: Record<string, string | undefined>, body: Buffer) {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
    body,
  });
  return { status: res.status, text: await res.text() };
}

interface BroadcastView {
  recipients: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
}

describe('channels end to end: signed webhooks in, provider APIs out, receipts back (gateway + dispatcher + Kafka)', () => {
  const telegram = new TelegramBotApiFake({ botUsername: 'BiharPoliceJanSetuBot' });
  const meta = new MetaGraphApiFake();
  const dlt = new DltGatewayFake({ templates: Object.fromEntries(REGISTER.map((t) => [t.id, t.text])) });
  let d: Deployment;
  let admin: ApiClient;
  let group: { id: string; joinCode: string };
  const dltCalls = new DltCallbackBuilder({
    secret: DLT_SECRET,
    publicBaseUrl: PUBLIC_BASE_URL,
    path: '/webhooks/dlt/sms',
  });

  const smsCitizen = '+919431012345';
  const waCitizen = '+917004012345';
  const tgCitizen = 512345678;

  beforeAll(async () => {
    await Promise.all([telegram.start(), meta.start(), dlt.start()]);
    d = await startDistributed(inject('runPrefix'), 'channels', inject('kafkaBrokers'), {
      CHANNEL_SIMULATOR: 'false',
      PUBLIC_BASE_URL,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
      TELEGRAM_API_ROOT: telegram.apiRoot,
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: META_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'meta-verify-token-e2e',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
      SMS_PROVIDER: 'dlt',
      DLT_SMS_URL: dlt.url,
      DLT_USERNAME: 'bihar-police',
      DLT_PASSWORD: 'secret-pass',
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: DLT_SECRET,
      DLT_TEMPLATES_FILE: REGISTER_FILE,
    });
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    group = (
      await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'SAM-ROSERA-PS',
        name: 'रोसड़ा जनसेतु',
      })
    ).body;
  });
  afterAll(async () => {
    await d?.stop();
    await Promise.all([telegram.stop(), meta.stop(), dlt.stop()]);
  });

  it('says at start-up which channels are on and which are off', () => {
    expect(d.gateway.log).toMatch(/channel telegram \(telegram\) is on/);
    expect(d.gateway.log).toMatch(/channel whatsapp \(meta\) is on/);
    expect(d.gateway.log).toMatch(/channel sms \(dlt\) is on/);
    expect(d.gateway.log).toMatch(new RegExp(`sms \\(dlt\\): ${REGISTER.length} DLT content templates registered`));
  });

  it('describes every webhook in /docs-json (its body, the DLT fields one by one, 200 not 201) and an off one says which selector', async () => {
    const doc = (await (await fetch(`${d.api.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: { content: object } }>>;
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
    };
    // CHANNEL_SIMULATOR is off here, so the simulator's route is not served, nor described.
    const hooks = Object.entries(doc.paths).filter(([path]) => path.startsWith('/webhooks/'));
    expect(hooks.map(([path]) => path).sort()).toEqual([
      '/webhooks/dlt/sms',
      '/webhooks/telegram',
      '/webhooks/twilio/sms',
      '/webhooks/twilio/status',
      '/webhooks/twilio/whatsapp',
      '/webhooks/whatsapp',
    ]);
    for (const [path, ops] of hooks) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('200');
        expect(Object.keys(op.responses), `${method} ${path}`).not.toContain('201');
        if (method === 'post') expect(op.requestBody?.content, `${method} ${path}`).toBeDefined();
      }
    }
    expect(Object.keys(doc.paths['/webhooks/twilio/sms'].post.requestBody!.content)).toEqual([
      'application/x-www-form-urlencoded',
    ]);
    const dltFields = doc.components.schemas.DltCallbackDto.properties;
    expect(Object.keys(dltFields)).toEqual(['from', 'text', 'id', 'status', 'errcode']);
    expect(dltFields.from.description).toMatch(/from, mobile, msisdn, sender/);
    expect(dltFields.status.description).toMatch(/DND\/NCPR: failed/);

    // Twilio's credentials are not set here, and SMS is the DLT gateway's: the 404 says the latter, precisely.
    const off = await post(
      d.api,
      '/webhooks/twilio/sms',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from('From=%2B91'),
    );
    expect(off.status).toBe(404);
    expect(JSON.parse(off.text).message).toBe(
      'webhook twilio-sms is off: channel sms is served by dlt (SMS_PROVIDER=dlt; set SMS_PROVIDER=twilio to use twilio)',
    );
  });

  it('takes a join on every channel once, however often the provider repeats the webhook', async () => {
    const tg = signedUpdate(
      textMessageUpdate({ chatId: tgCitizen, text: `/start ${group.joinCode}` }),
      TELEGRAM_SECRET,
    );
    const wa = MetaGraphApiFake.signedWebhook(
      MetaGraphApiFake.inboundText(waCitizen, `जुड़ें ${group.joinCode}`),
      META_SECRET,
    );
    const sms = dltCalls.inbound({ from: smsCitizen.slice(3), text: `JOIN ${group.joinCode}`, id: 'DLT-IN-1' });
    for (let i = 0; i < 5; i++) {
      expect((await post(d.api, '/webhooks/telegram', tg.headers, tg.body)).status).toBe(200);
      expect((await post(d.api, '/webhooks/whatsapp', wa.headers, wa.rawBody)).status).toBe(200);
      expect((await post(d.api, `/webhooks/dlt/sms?secret=${DLT_SECRET}`, sms.headers, sms.rawBody)).status).toBe(200);
    }
    await eventually(
      async () =>
        telegram.sentTo(tgCitizen).length && meta.sentTo(waCitizen).length && dlt.sent.length ? true : undefined,
      30_000,
      'three join confirmations',
    );
    const groups = await eventually(
      async () => {
        const res = await admin.request<{ id: string; members: number; membersByChannel: Record<string, number> }[]>(
          'GET',
          '/api/v1/groups',
        );
        const g = res.body.find((x) => x.id === group.id);
        return g?.members === 3 ? g : undefined;
      },
      30_000,
      'three members',
    );
    expect(groups.membersByChannel).toEqual({ telegram: 1, whatsapp: 1, sms: 1 });
    expect(telegram.sentTo(tgCitizen)).toHaveLength(1);
    expect(telegram.sentTo(tgCitizen)[0]).toMatch(/^जनसेतु: आप/);
    expect(meta.sentTo(waCitizen)).toHaveLength(1);
    expect(dlt.sent).toHaveLength(1);
    expect(dlt.sent[0]).toMatchObject({
      to: '919431012345',
      unicode: true,
      sender: 'BHRPOL',
      // The consent notice goes under its own registered template, not DLT_DEFAULT_TEMPLATE_ID.
      templateId: shippedId('membership.joined'),
    });
  });

  it('refuses unsigned, mis-signed and malformed webhooks and changes nothing', async () => {
    const before = telegram.calls.length + meta.calls.length + dlt.calls.length;
    const update = textMessageUpdate({ chatId: 777000111, text: `/start ${group.joinCode}` });
    const good = signedUpdate(update, TELEGRAM_SECRET);
    expect((await post(d.api, '/webhooks/telegram', { 'content-type': 'application/json' }, good.body)).status).toBe(
      401,
    );
    expect(
      (await post(d.api, '/webhooks/telegram', signedUpdate(update, 'a-wrong-secret-000000').headers, good.body))
        .status,
    ).toBe(403);

    const wa = MetaGraphApiFake.signedWebhook(
      MetaGraphApiFake.inboundText('+917004099999', `JOIN ${group.joinCode}`),
      META_SECRET,
    );
    const tampered = Buffer.from(wa.rawBody.toString().replace('7004099999', '7004088888'));
    expect((await post(d.api, '/webhooks/whatsapp', wa.headers, tampered)).status).toBe(403);
    expect((await post(d.api, '/webhooks/whatsapp', { 'content-type': 'application/json' }, wa.rawBody)).status).toBe(
      401,
    );
    const notJson = MetaGraphApiFake.signedWebhook('{"object": "whatsapp_business_account", "entry": 5}', META_SECRET);
    expect((await post(d.api, '/webhooks/whatsapp', notJson.headers, notJson.rawBody)).status).toBe(400);

    const sms = dltCalls.inbound({ from: '9431099999', text: `JOIN ${group.joinCode}`, id: 'DLT-IN-2' });
    expect((await post(d.api, '/webhooks/dlt/sms?secret=wrong-secret-0000000', sms.headers, sms.rawBody)).status).toBe(
      403,
    );
    expect((await post(d.api, '/webhooks/dlt/sms', sms.headers, sms.rawBody)).status).toBe(401);

    const verify = await fetch(
      `${d.api.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=meta-verify-token-e2e&hub.challenge=1158201444`,
    );
    expect(await verify.text()).toBe('1158201444');

    await new Promise((r) => setTimeout(r, 1500));
    const groups = await admin.request<{ id: string; members: number }[]>('GET', '/api/v1/groups');
    expect(groups.body.find((g) => g.id === group.id)?.members).toBe(3);
    expect(telegram.calls.length + meta.calls.length + dlt.calls.length).toBe(before);
  });

  it('broadcasts to each citizen on their channel and follows the receipts to delivered and read', async () => {
    const res = await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'rumour_rebuttal',
      body: { hi: 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ।', en: 'The child-lifter rumour is false.' },
      forms: {
        smsDltTemplateId: '1107160000000067890',
        whatsappTemplate: { name: 'rumour_rebuttal_v1', language: 'hi', parameters: [] },
      },
    });
    expect(res.body.recipients).toBe(3);
    await eventually(
      async () =>
        telegram.sentTo(tgCitizen).length === 2 && meta.sentTo(waCitizen).length === 2 && dlt.sent.length === 2
          ? true
          : undefined,
      30_000,
      'broadcast on three channels',
    );
    // The WhatsApp citizen wrote within 24 hours: free text, not the template.
    expect(meta.sentTo(waCitizen)[1]).toMatchObject({ type: 'text', text: { body: expect.stringContaining('अफवाह') } });
    expect(dlt.sent[1]).toMatchObject({ templateId: '1107160000000067890', unicode: true });

    const wamid = meta.calls.filter((c) => c.status === 200).at(-1)!.wamid!;
    for (const status of ['delivered', 'read'] as const) {
      const receipt = MetaGraphApiFake.signedWebhook(MetaGraphApiFake.statusUpdate(wamid, status), META_SECRET);
      expect((await post(d.api, '/webhooks/whatsapp', receipt.headers, receipt.rawBody)).status).toBe(200);
    }
    const dlr = dltCalls.deliveryReport({ id: dlt.sent[1].messageId, status: 'DELIVRD' });
    expect((await post(d.api, `/webhooks/dlt/sms?secret=${DLT_SECRET}`, dlr.headers, dlr.rawBody)).status).toBe(200);

    const view = await eventually(
      async () => {
        const v = (await admin.request<BroadcastView>('GET', `/api/v1/broadcasts/${res.body.id}`)).body;
        return v.byStatus.read === 1 && v.byStatus.delivered === 1 ? v : undefined;
      },
      30_000,
      'receipts applied',
    );
    expect(view.byStatus).toEqual({ read: 1, delivered: 1, sent: 1 });
    expect(view.byChannel).toEqual({ telegram: 1, whatsapp: 1, sms: 1 });
  });

  it('files a tip from every channel in the station’s inbox under a pseudonym', async () => {
    const acked = { tg: telegram.sentTo(tgCitizen).length, sms: dlt.sent.length };
    const tg = signedUpdate(
      textMessageUpdate({ chatId: tgCitizen, text: 'रोसड़ा बाज़ार में नकली नोट चल रहे हैं' }),
      TELEGRAM_SECRET,
    );
    expect((await post(d.api, '/webhooks/telegram', tg.headers, tg.body)).status).toBe(200);
    const sms = dltCalls.inbound({
      from: smsCitizen.slice(3),
      text: 'TIP nadi kinare raat me ret ka avaidh khanan',
      id: 'DLT-IN-TIP',
    });
    expect((await post(d.api, `/webhooks/dlt/sms?secret=${DLT_SECRET}`, sms.headers, sms.rawBody)).status).toBe(200);
    const cases = await eventually(
      async () => {
        const res = await admin.request<{ channel: string; pseudonym: string; inboxCode: string; text: string }[]>(
          'GET',
          '/api/v1/inbox/cases',
        );
        return res.body.length >= 2 ? res.body : undefined;
      },
      30_000,
      'two cases',
    );
    expect(cases.map((c) => c.channel).sort()).toEqual(['sms', 'telegram']);
    for (const c of cases) {
      expect(c.inboxCode).toBe('SAM-ROSERA-PS');
      expect(c.pseudonym).toMatch(/^T-/);
    }
    expect(JSON.stringify(cases)).not.toMatch(/9431012345|512345678/);
    // Each informant is told their tip arrived, on the channel they used.
    await eventually(
      async () => (telegram.sentTo(tgCitizen).length > acked.tg && dlt.sent.length > acked.sms ? true : undefined),
      30_000,
      'acknowledgements',
    );
  });

  it('keeps a WhatsApp photo with a location and a Telegram voice note on the case, fetched from each provider', async () => {
    const acked = { wa: meta.sentTo(waCitizen).length, tg: telegram.sentTo(tgCitizen).length };
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } })
      .jpeg()
      .withExif({ IFD0: { Model: 'IMEI-356938035643809' } })
      .toBuffer();
    const mediaId = meta.addMedia(photo, 'image/jpeg');
    const image = MetaGraphApiFake.signedWebhook(
      MetaGraphApiFake.inboundMessage(waCitizen, {
        type: 'image',
        image: { id: mediaId, mime_type: 'image/jpeg', caption: 'यही गाड़ी शराब लाती है' },
      }),
      META_SECRET,
    );
    expect((await post(d.api, '/webhooks/whatsapp', image.headers, image.rawBody)).status).toBe(200);
    const place = MetaGraphApiFake.signedWebhook(
      MetaGraphApiFake.inboundMessage(waCitizen, {
        type: 'location',
        location: { latitude: 25.754, longitude: 86.01, name: 'रोसड़ा पुल के पास' },
      }),
      META_SECRET,
    );
    expect((await post(d.api, '/webhooks/whatsapp', place.headers, place.rawBody)).status).toBe(200);
    const voice = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60, 1)]);
    const fileId = telegram.addMedia(voice, 'audio/ogg');
    const update = textMessageUpdate({ chatId: tgCitizen, text: 'x' });
    delete update.message.text;
    update.message.voice = { file_id: fileId, file_unique_id: 'AgADvoice1', duration: 4, mime_type: 'audio/ogg' };
    const tg = signedUpdate(update, TELEGRAM_SECRET);
    expect((await post(d.api, '/webhooks/telegram', tg.headers, tg.body)).status).toBe(200);

    type Detail = {
      id: string;
      channel: string;
      text: string;
      queue: string;
      attachments: { status: string; kind: string | null; mimeType: string | null; id: string }[];
      location: { latitude: number; longitude: number } | null;
    };
    const detailOf = async (id: string) => (await admin.request<Detail>('GET', `/api/v1/inbox/cases/${id}`)).body;
    const cases = await eventually(
      async () => {
        const list = await admin.request<{ id: string }[]>('GET', '/api/v1/inbox/cases');
        const details = await Promise.all(list.body.map((c) => detailOf(c.id)));
        const withMedia = details.filter((c) => c.attachments.some((a) => a.status === 'stored') || c.location);
        return withMedia.length >= 3 ? withMedia : undefined;
      },
      60_000,
      'the photo, the location and the voice note on their cases',
    );
    const photoCase = cases.find((c) => c.attachments[0]?.kind === 'image')!;
    expect(photoCase).toMatchObject({ channel: 'whatsapp', text: 'यही गाड़ी शराब लाती है', queue: 'main' });
    expect(photoCase.attachments).toMatchObject([{ status: 'stored', mimeType: 'image/jpeg' }]);
    expect(cases.find((c) => c.location)).toMatchObject({
      channel: 'whatsapp',
      location: { latitude: 25.754, longitude: 86.01 },
      text: 'रोसड़ा पुल के पास',
    });
    const voiceCase = cases.find((c) => c.attachments[0]?.kind === 'audio')!;
    expect(voiceCase).toMatchObject({ channel: 'telegram', text: '', queue: 'main' });
    expect(voiceCase.attachments).toMatchObject([{ status: 'stored', mimeType: 'audio/ogg' }]);

    // The photo as an officer receives it: the same picture, the phone's serial gone.
    const res = await fetch(
      `${d.api.baseUrl}/api/v1/inbox/cases/${photoCase.id}/attachments/${photoCase.attachments[0].id}`,
      {
        headers: { authorization: `Bearer ${admin.token}` },
      },
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(40);
    expect(bytes.includes(Buffer.from('IMEI-356938035643809'))).toBe(false);
    // Each informant is told their tip arrived (two on WhatsApp, one on Telegram); the next test counts sends.
    await eventually(
      async () =>
        meta.sentTo(waCitizen).length >= acked.wa + 2 && telegram.sentTo(tgCitizen).length >= acked.tg + 1
          ? true
          : undefined,
      30_000,
      'the acknowledgements of the three tips',
    );
  });

  it('waits the delay a provider asks for, and does not retry a permanent failure', async () => {
    telegram.failNext(tgCitizen, {
      error_code: 429,
      description: 'Too Many Requests: retry after 2',
      parameters: { retry_after: 2 },
    });
    meta.failNext(waCitizen, { httpStatus: 400, code: 131026, message: 'Message undeliverable' });
    const before = { wa: meta.calls.length };
    const sent = Date.now();
    const res = await admin.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'awareness',
      body: { hi: 'थ्रॉटल परीक्षण' },
    });
    const v = await eventually(
      async () => {
        const b = (await admin.request<BroadcastView & { status: string }>('GET', `/api/v1/broadcasts/${res.body.id}`))
          .body;
        return b.status === 'completed' ? b : undefined;
      },
      60_000,
      'completed',
    );
    expect(telegram.sentTo(tgCitizen).filter((t) => t.startsWith('थ्रॉटल'))).toHaveLength(1);
    const tgCalls = telegram.calls.filter(
      (c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(tgCitizen),
    );
    expect(tgCalls.length).toBeGreaterThanOrEqual(2);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(2000);
    expect(meta.calls.length - before.wa).toBe(1); // 131026 is permanent: one attempt only
    expect(v.byStatus.failed).toBe(1);
  });

  it('marks a citizen who blocked the bot as opted out and never messages them again', async () => {
    telegram.failNext(tgCitizen, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const first = await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'cyber_safety',
      body: { hi: 'OTP किसी को न बताएँ।' },
    });
    expect(first.body.recipients).toBe(3);
    await eventually(
      async () => {
        const v = (await admin.request<BroadcastView>('GET', `/api/v1/broadcasts/${first.body.id}`)).body;
        return v.byStatus.failed === 1 && v.byStatus.sent === 2 ? v : undefined;
      },
      30_000,
      'a blocked bot recorded as failed',
    );
    // Membership closes the contact point when it hears of the opt-out (an event, a moment later).
    await eventually(
      async () => {
        const p = await admin.request<{ recipients: number }>('POST', '/api/v1/broadcasts/preview', {
          audience: { groupIds: [group.id] },
          category: 'cyber_safety',
          body: { hi: 'दूसरी चेतावनी' },
        });
        return p.body.recipients === 2 ? true : undefined;
      },
      30_000,
      'the blocked chat closed',
    );
    const second = await admin.request<{ recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'cyber_safety',
      body: { hi: 'दूसरी चेतावनी' },
    });
    expect(second.body.recipients).toBe(2);
  });

  it('says in the preview that an unregistered text cannot go by SMS, refuses to create it, and sends an emergency without its SMS', async () => {
    const body = { hi: 'यह पाठ DLT पर पंजीकृत नहीं है।' };
    const preview = await admin.request<{ smsTemplate: string | null }>('POST', '/api/v1/broadcasts/preview', {
      audience: { groupIds: [group.id] },
      category: 'awareness',
      body,
    });
    expect(preview.body.smsTemplate).toBe('SMS: matches no registered DLT template (hi)');
    const registered = await admin.request<{ smsTemplate: string | null }>('POST', '/api/v1/broadcasts/preview', {
      audience: { groupIds: [group.id] },
      category: 'awareness',
      body: { hi: 'दूसरी चेतावनी' },
    });
    expect(registered.body.smsTemplate).toBeNull();

    // Created, it would fail at every feature phone: refused with the reason, and nothing is created.
    const before = (await admin.request<{ items: unknown[] }>('GET', '/api/v1/broadcasts?limit=100')).body.items.length;
    const refused = await admin.request<{ message: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'awareness',
      body,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('SMS: matches no registered DLT template (hi)');
    expect(refused.body.message).toContain('DLT टेम्पलेट पंजीकृत कराएँ');
    expect((await admin.request<{ items: unknown[] }>('GET', '/api/v1/broadcasts?limit=100')).body.items).toHaveLength(
      before,
    );

    // An emergency is not held back by its SMS: WhatsApp goes, SMS is refused before the gateway, never sent under a
    // wrong id.
    const res = await admin.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'emergency',
      body,
    });
    expect(res.status).toBe(201);
    const view = await eventually(
      async () => {
        const v = (await admin.request<BroadcastView & { status: string }>('GET', `/api/v1/broadcasts/${res.body.id}`))
          .body;
        return v.status === 'completed' ? v : undefined;
      },
      60_000,
      'completed',
    );
    expect(view.byStatus).toEqual({ sent: 1, failed: 1 });
    expect(dlt.calls.filter((c) => c.params.content?.startsWith(body.hi))).toHaveLength(0);
  });

  it('keeps numbers, chat ids and tokens out of every log line', () => {
    const logs = d.gateway.log + d.dispatcher.log;
    for (const secret of [
      '9431012345',
      '7004012345',
      String(tgCitizen),
      telegram.token,
      MetaGraphApiFake.ACCESS_TOKEN,
      META_SECRET,
      'secret-pass',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('channels end to end through Twilio (SMS and WhatsApp)', () => {
  const twilio = new TwilioApiFake(TWILIO_SID, TWILIO_TOKEN);
  let d: Deployment;
  let admin: ApiClient;

  beforeAll(async () => {
    await twilio.start();
    d = await startDistributed(inject('runPrefix'), 'twilio', inject('kafkaBrokers'), {
      CHANNEL_SIMULATOR: 'false',
      PUBLIC_BASE_URL,
      SMS_PROVIDER: 'twilio',
      WHATSAPP_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_SMS_FROM: '+15005550006',
      TWILIO_WHATSAPP_FROM: '+14155238886',
    });
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
  });
  afterAll(async () => {
    await d?.stop();
    await twilio.stop();
  });

  it('an off webhook names the selector or the settings that keep it off, never "no credentials" when they are set', async () => {
    const reason = async (path: string) =>
      (
        JSON.parse((await post(d.api, path, { 'content-type': 'application/json' }, Buffer.from('{}'))).text) as {
          message: string;
        }
      ).message;
    expect(await reason('/webhooks/whatsapp')).toBe(
      'webhook meta-whatsapp is off: channel whatsapp is served by twilio (WHATSAPP_PROVIDER=twilio; set ' +
        'WHATSAPP_PROVIDER=meta to use meta)',
    );
    expect(await reason('/webhooks/telegram')).toBe(
      'webhook telegram is off: channel telegram (telegram) needs TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_BOT_USERNAME',
    );
  });

  it('answers a webhook the same whether its length is announced (the direct path) or it comes chunked (Express)', async () => {
    const url = `${PUBLIC_BASE_URL}/webhooks/twilio/sms`;
    const send = async (form: { headers: Record<string, string>; rawBody: Buffer }, chunked: boolean) => {
      const res = await fetch(`${d.api.baseUrl}/webhooks/twilio/sms`, {
        method: 'POST',
        headers: form.headers,
        ...(chunked ? { body: new Blob([form.rawBody]).stream(), duplex: 'half' } : { body: form.rawBody }),
      });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    const citizen = '+919955012399';
    const sid = (n: number) => `SM${String(n).padStart(32, 'e')}`;
    const direct = await send(twilio.signedForm(url, twilio.inboundSms(citizen, 'HELP', sid(1))), false);
    const chunked = await send(twilio.signedForm(url, twilio.inboundSms(citizen, 'HELP', sid(2))), true);
    expect(direct).toEqual({
      status: 200,
      type: 'text/xml; charset=utf-8',
      text: expect.stringContaining('<Response>'),
    });
    expect(chunked).toEqual(direct);
    const forged = (n: number) =>
      twilio.signedForm(url, twilio.inboundSms(citizen, 'STOP', sid(n)), 'wrong-token-0000');
    const refusedDirect = await send(forged(3), false);
    expect(refusedDirect.status).toBe(403);
    expect(JSON.parse(refusedDirect.text)).toEqual({
      statusCode: 403,
      error: 'webhook_rejected',
      message: 'X-Twilio-Signature does not match',
    });
    expect(await send(forged(4), true)).toEqual(refusedDirect);
    // Too large for either: Express's 413, unread.
    const big = await post(
      d.api,
      '/webhooks/twilio/sms',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.alloc(200_000, 'a'),
    );
    expect(big.status).toBe(413);
    expect(d.gateway.log).toMatch(/POST \/webhooks\/twilio\/sms 403: X-Twilio-Signature does not match/);
  });

  it('joins by signed SMS, sends through the Twilio API, and honours error 21610 (recipient opted out)', async () => {
    expect(d.gateway.log).toMatch(/channel telegram \(telegram\) is off: set TELEGRAM_BOT_TOKEN/);
    const group = (
      await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'GAY-KONCH',
        name: 'कोंच जनसेतु',
      })
    ).body;
    const citizen = '+919955012345';
    const form = twilio.signedForm(
      `${PUBLIC_BASE_URL}/webhooks/twilio/sms`,
      twilio.inboundSms(citizen, `join ${group.joinCode}`),
    );
    for (let i = 0; i < 5; i++) {
      const res = await post(d.api, '/webhooks/twilio/sms', form.headers, form.rawBody);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<Response></Response>');
    }
    const forged = twilio.signedForm(
      `${PUBLIC_BASE_URL}/webhooks/twilio/sms`,
      twilio.inboundSms(citizen, 'STOP'),
      'not-the-auth-token-0000',
    );
    expect((await post(d.api, '/webhooks/twilio/sms', forged.headers, forged.rawBody)).status).toBe(403);

    const sent = () => twilio.calls.filter((c) => c.status === 201 && c.params.To === citizen);
    await eventually(async () => (sent().length === 1 ? true : undefined), 30_000, 'join confirmation via Twilio');
    expect(sent()[0].params).toMatchObject({
      From: '+15005550006',
      StatusCallback: `${PUBLIC_BASE_URL}/webhooks/twilio/status`,
    });

    const broadcast = await admin.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'alert',
      body: { hi: 'बाढ़ की चेतावनी: नदी किनारे न जाएँ।' },
    });
    await eventually(async () => (sent().length === 2 ? true : undefined), 30_000, 'broadcast via Twilio');
    const status = twilio.signedForm(
      `${PUBLIC_BASE_URL}/webhooks/twilio/status`,
      twilio.statusCallback(sent()[1].sid!, 'delivered'),
    );
    expect((await post(d.api, '/webhooks/twilio/status', status.headers, status.rawBody)).status).toBe(200);
    await eventually(
      async () => {
        const v = (await admin.request<BroadcastView>('GET', `/api/v1/broadcasts/${broadcast.body.id}`)).body;
        return v.byStatus.delivered === 1 ? true : undefined;
      },
      30_000,
      'delivered via status callback',
    );

    twilio.failNext(citizen, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const refused = await admin.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'alert',
      body: { hi: 'दूसरा संदेश' },
    });
    await eventually(
      async () => {
        const v = (await admin.request<BroadcastView>('GET', `/api/v1/broadcasts/${refused.body.id}`)).body;
        return v.byStatus.failed === 1 ? true : undefined;
      },
      30_000,
      '21610 recorded',
    );
    // Broadcast records the refusal and raises RecipientOptedOut; membership closes the contact point right after.
    await eventually(
      async () => {
        const preview = await admin.request<{ recipients: number }>('POST', '/api/v1/broadcasts/preview', {
          audience: { groupIds: [group.id] },
          body: { hi: 'तीसरा संदेश' },
        });
        return preview.body.recipients === 0 ? true : undefined;
      },
      30_000,
      'contact point closed',
    );
    const after = await admin.request<{ recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.id] },
      category: 'alert',
      body: { hi: 'तीसरा संदेश' },
    });
    expect(after.body.recipients).toBe(0);
  });
});
