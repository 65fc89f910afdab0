import { BlindIndex, Metrics } from '@jansetu/platform';
import { MetaGraphApiFake, migratedDataSource } from '@jansetu/testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ChannelAdapter, ChannelWebhook } from '../channel-adapter.port';
import { buildChannels, planChannels } from '../provider-registry';
import { syncWhatsAppTemplates } from './sync-templates';

const APP_SECRET = 'meta-app-secret-0123';
const HOOK = 'https://jansetu.example.in/webhooks/whatsapp';

/**
 * The WhatsApp template catalogue as a deployment uses it: `whatsapp:sync-templates` reads Meta's list (paged), the
 * status webhook keeps it current, and the adapter tells a preview which template would not be sent.
 */
describe('WhatsApp template catalogue on PostgreSQL, through the Meta fake', () => {
  let dataSource: DataSource;
  const meta = new MetaGraphApiFake();
  let whatsapp: ChannelAdapter;
  let webhook: ChannelWebhook;
  const env = () => ({
    WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'meta-verify-token',
    WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
    WHATSAPP_BUSINESS_ACCOUNT_ID: MetaGraphApiFake.WABA_ID,
  });
  const post = (payload: unknown) => {
    const { headers, rawBody } = MetaGraphApiFake.signedWebhook(payload, APP_SECRET);
    return webhook.handle({ method: 'POST', publicUrl: HOOK, headers, rawBody, query: {} });
  };

  beforeAll(async () => {
    ({ dataSource } = await migratedDataSource(inject('runPrefix'), 'whatsapp_templates'));
    await meta.start();
    const plan = planChannels({ env: env(), CHANNEL_SIMULATOR: false, PUBLIC_BASE_URL: 'https://jansetu.example.in' });
    const channels = buildChannels(plan, {
      dataSource,
      blindIndex: new BlindIndex(Buffer.alloc(32, 7).toString('base64')),
      metrics: new Metrics(),
    });
    await channels.start();
    whatsapp = channels.adapters.find((a) => a.channel === 'whatsapp')!;
    webhook = channels.webhooks.find((w) => w.route === 'meta-whatsapp')!;
  });
  beforeEach(async () => {
    await dataSource.query(`DELETE FROM whatsapp_template`);
    meta.templates.length = 0;
  });
  afterAll(async () => {
    await meta.stop();
    await dataSource?.destroy();
  });

  it('before any sync nothing holds a template back: Meta decides', async () => {
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
  });

  it('a sync reads every page of the business account and the preview check follows each language', async () => {
    for (let i = 0; i < 230; i++) {
      meta.templates.push({
        name: `t${i}`,
        language: 'en',
        status: 'APPROVED',
        category: 'UTILITY',
        id: `${9000 + i}`,
      });
    }
    meta.templates.push(
      { name: 'jansetu_alert', language: 'hi', status: 'APPROVED', category: 'UTILITY', id: '1' },
      { name: 'jansetu_alert', language: 'en', status: 'PENDING', category: 'UTILITY', id: '2' },
    );

    const synced = await syncWhatsAppTemplates(env(), dataSource);

    expect(synced).toHaveLength(232);
    expect(meta.calls.filter((c) => c.path.endsWith('/message_templates'))).toHaveLength(3);
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'en' })).toBe(
      'template jansetu_alert (en) is PENDING at Meta',
    );
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'ur' })).toBe(
      "template jansetu_alert (ur) is not in the business account's catalogue",
    );
  });

  it("the signed status webhook applies Meta's decision, with its reason; an unsigned one changes nothing", async () => {
    meta.templates.push({ name: 'jansetu_alert', language: 'hi', status: 'PENDING', category: 'UTILITY', id: '1' });
    await syncWhatsAppTemplates(env(), dataSource);

    const { headers, rawBody } = MetaGraphApiFake.signedWebhook(
      MetaGraphApiFake.templateStatusUpdate('jansetu_alert', 'hi', 'APPROVED'),
      'not-the-app-secret',
    );
    expect(await webhook.handle({ method: 'POST', publicUrl: HOOK, headers, rawBody, query: {} })).toMatchObject({
      status: 403,
    });
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'hi' })).toBe(
      'template jansetu_alert (hi) is PENDING at Meta',
    );

    expect(
      await post(MetaGraphApiFake.templateStatusUpdate('jansetu_alert', 'hi', 'REJECTED', 'INVALID_FORMAT')),
    ).toEqual({ ok: true, messages: [], receipts: [] });
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'hi' })).toBe(
      'template jansetu_alert (hi) is REJECTED at Meta: INVALID_FORMAT',
    );

    await post(MetaGraphApiFake.templateStatusUpdate('jansetu_alert', 'hi', 'APPROVED'));
    expect(await whatsapp.checkTemplate!({ name: 'jansetu_alert', language: 'hi' })).toBeNull();
  });

  it('a sync without the account id or with a wrong token says what to fix and stores nothing', async () => {
    await expect(
      syncWhatsAppTemplates({ ...env(), WHATSAPP_BUSINESS_ACCOUNT_ID: undefined }, dataSource),
    ).rejects.toThrow('set WHATSAPP_BUSINESS_ACCOUNT_ID');
    await expect(
      syncWhatsAppTemplates({ ...env(), WHATSAPP_ACCESS_TOKEN: 'EAAG-wrong-token-000' }, dataSource),
    ).rejects.toThrow(/HTTP 401: Invalid OAuth access token/);
    expect(await dataSource.query(`SELECT * FROM whatsapp_template`)).toEqual([]);
  });
});
