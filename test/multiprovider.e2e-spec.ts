import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually, MetaGraphApiFake } from '@jansetu/testing';
import { ADMIN, Deployment, SAMPLE_CSV, startDistributed } from './support';

const META_SECRET = 'meta-app-secret-for-multi-e2e';
const ROSERA_NUMBER = '106540352242001';

/** Posts Meta's webhook call as Meta would: exact bytes and the X-Hub-Signature-256 header. */
async function postWebhook(api: ApiClient, payload: unknown): Promise<number> {
  const { headers, rawBody } = MetaGraphApiFake.signedWebhook(payload, META_SECRET);
  const res = await fetch(`${api.baseUrl}/webhooks/whatsapp`, { method: 'POST', headers, body: rawBody });
  await res.text();
  return res.status;
}

describe('several WhatsApp numbers end to end (gateway + dispatcher + Kafka)', () => {
  const meta = new MetaGraphApiFake({ moreNumbers: [ROSERA_NUMBER] });
  let d: Deployment;
  let group: { id: string; joinCode: string };

  beforeAll(async () => {
    await meta.start();
    d = await startDistributed(inject('runPrefix'), 'multiprovider', inject('kafkaBrokers'), {
      CHANNEL_SIMULATOR: 'false',
      PUBLIC_BASE_URL: 'https://jansetu.bihar.example',
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: META_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'meta-verify-token-e2e',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
      WHATSAPP_NUMBERS: JSON.stringify({ rosera: { phoneNumberId: ROSERA_NUMBER, rate: 20 } }),
      WHATSAPP_PROVIDERS: 'meta',
      CHANNEL_ROUTES: JSON.stringify({ whatsapp: { 'SAM-ROSERA-PS': 'rosera' } }),
    });
    const admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
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
    await meta.stop();
  });

  it('says at start-up which numbers carry WhatsApp, in order', () => {
    expect(d.dispatcher.log).toMatch(/channels on: whatsapp \(meta → rosera\)/);
  });

  it('answers each message from the number it was written to', async () => {
    const citizen = '+917004055501';
    const sent = () =>
      meta.calls.filter((c) => c.status === 200 && (c.body as { to?: string }).to === citizen.slice(1));

    const join = MetaGraphApiFake.inboundText(citizen, `JOIN ${group.joinCode}`, undefined, {
      phoneNumberId: ROSERA_NUMBER,
    });
    expect(await postWebhook(d.api, join)).toBe(200);
    await eventually(async () => (sent().length === 1 ? true : undefined), 30_000, 'the join confirmation');

    expect(await postWebhook(d.api, MetaGraphApiFake.inboundText(citizen, 'HELP'))).toBe(200);
    await eventually(async () => (sent().length === 2 ? true : undefined), 30_000, 'the HELP answer');

    expect(sent().map((c) => c.path.split('/')[2])).toEqual([ROSERA_NUMBER, MetaGraphApiFake.PHONE_NUMBER_ID]);
  });

  it('refuses to start on a route to a number that is not configured, naming the setting', async () => {
    await expect(
      startDistributed(inject('runPrefix'), 'multiprovider_bad', inject('kafkaBrokers'), {
        CHANNEL_SIMULATOR: 'false',
        CHANNEL_ROUTES: JSON.stringify({ whatsapp: { PAT: 'patna' } }),
      }),
    ).rejects.toThrow(/Invalid setting CHANNEL_ROUTES: whatsapp\.PAT is "patna"/);
  });
});
