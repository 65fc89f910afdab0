import { META_OPENAPI, PrismMock } from '@jansetu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledHttp } from '../http/provider-http';
import { MetaWhatsAppAdapter } from './meta-whatsapp.adapter';
import { MetaWhatsAppSettings, metaWhatsAppSettings } from './meta-whatsapp.provider';

const PHONE_NUMBER_ID = '106540352242922';

/** What the adapter sent and what Prism answered, so a 422 shows the violations in the failure message. */
interface Exchange {
  url: string;
  status: number;
  body: string;
}

// Meta's own description, served by Prism: a request it does not allow is answered 422 and fails these tests.
describe('MetaWhatsAppAdapter against Meta’s OpenAPI description', () => {
  const prism = new PrismMock(META_OPENAPI);
  const exchanges: Exchange[] = [];
  let settings: MetaWhatsAppSettings;
  let adapter: MetaWhatsAppAdapter;

  beforeAll(async () => {
    await prism.start();
    // The description's paths start with /{Version}/{Phone-Number-ID}, like the adapter's URL.
    settings = metaWhatsAppSettings.parse({
      WHATSAPP_ACCESS_TOKEN: 'EAAG-test-token-123',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'app-secret-for-tests',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-123',
      WHATSAPP_GRAPH_API_BASE_URL: prism.baseUrl,
      WHATSAPP_API_VERSION: 'v23.0',
    });
    // Media through fetch, sends through the pooled client: each exchange seen on its way back.
    adapter = new MetaWhatsAppAdapter(
      settings,
      async (url, init) => {
        const response = await fetch(url, init);
        exchanges.push({ url, status: response.status, body: await response.clone().text() });
        return response;
      },
      undefined,
      undefined,
      async (url, init) => {
        const response = await pooledHttp(url, init);
        exchanges.push({ url, status: response.status, body: response.text });
        return response;
      },
    );
  }, 120_000);
  afterAll(async () => {
    await prism.stop();
  });

  async function sendAndExpect2xx(message: Parameters<MetaWhatsAppAdapter['send']>[0]) {
    exchanges.length = 0;
    const result = await adapter.send(message);
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    expect(exchange.url).toBe(`${prism.baseUrl}/v23.0/${PHONE_NUMBER_ID}/messages`);
    expect(exchange.status, `Prism answered ${exchange.status}: ${exchange.body}`).toBeGreaterThanOrEqual(200);
    expect(exchange.status, `Prism answered ${exchange.status}: ${exchange.body}`).toBeLessThan(300);
    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
  }

  it('sends free text the description accepts', async () => {
    await sendAndExpect2xx({ to: '+919876543210', text: 'आपकी शिकायत दर्ज हो गई है।' });
  });

  it('sends a template the description accepts', async () => {
    await sendAndExpect2xx({
      to: '+919876543210',
      text: '',
      template: { name: 'tip_update', language: 'hi', parameters: ['TIP-4821', 'Gardanibagh thana'] },
    });
  });

  it('is checked for real: a body without messaging_product is refused with 422', async () => {
    const response = await fetch(`${prism.baseUrl}/v23.0/${PHONE_NUMBER_ID}/messages`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer EAAG-test-token-123',
        'Content-Type': 'application/json',
        'User-Agent': 'JanSetu/1.0.0',
      },
      body: JSON.stringify({ recipient_type: 'individual', to: '919876543210', type: 'text', text: { body: 'hi' } }),
    });

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('messaging_product');
  });

  it('looks a media id up the way the description allows (Retrieve Media URL)', async () => {
    exchanges.length = 0;
    // Prism checks the request (bearer token, User-Agent) but answers an example without a usable url (the
    // description has several GET /{Version}/{id} operations), so no download follows.
    await expect(adapter.fetchMedia('2621233374848975', 1_000_000)).rejects.toThrow(/without a Meta download URL/);

    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    expect(exchange.url).toBe(`${prism.baseUrl}/v23.0/2621233374848975`);
    expect(exchange.status, `Prism answered ${exchange.status}: ${exchange.body}`).toBe(200);
  });
});
