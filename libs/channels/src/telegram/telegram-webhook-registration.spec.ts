import { TelegramBotApiFake } from '@jansetu/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerTelegramWebhook } from './telegram-webhook-registration';

const SECRET = 'telegram-webhook-secret-0123';

describe('registerTelegramWebhook (npm run cli -- telegram:set-webhook)', () => {
  const fake = new TelegramBotApiFake();
  const env = () => ({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: `${fake.apiRoot}/`,
  });

  beforeAll(async () => {
    await fake.start();
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
  });

  it('registers PUBLIC_BASE_URL + /webhooks/telegram with the secret TelegramWebhook checks, messages only', async () => {
    const done = await registerTelegramWebhook({ env: env(), PUBLIC_BASE_URL: 'https://jansetu.bihar.example/' });

    expect(done).toEqual({
      url: 'https://jansetu.bihar.example/webhooks/telegram',
      description: 'Webhook was set',
      pendingUpdateCount: 0,
    });
    expect(fake.webhook).toMatchObject({
      url: 'https://jansetu.bihar.example/webhooks/telegram',
      secretToken: SECRET,
      allowedUpdates: ['message'],
    });
    expect(fake.callsOf('setWebhook')).toHaveLength(1);
    expect(fake.callsOf('getWebhookInfo')).toHaveLength(1);
  });

  it('says so when run twice, and changes nothing', async () => {
    const config = { env: env(), PUBLIC_BASE_URL: 'https://jansetu.bihar.example' };
    await registerTelegramWebhook(config);
    expect((await registerTelegramWebhook(config)).description).toBe('Webhook is already set');
  });

  it.each([
    ['no PUBLIC_BASE_URL', {}, undefined, /^set PUBLIC_BASE_URL$/],
    [
      'neither token nor secret',
      { TELEGRAM_BOT_TOKEN: '', TELEGRAM_WEBHOOK_SECRET: '' },
      'https://jansetu.bihar.example',
      /^set TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET$/,
    ],
    [
      'a plain-HTTP address, which Telegram refuses',
      {},
      'http://jansetu.bihar.example',
      /^Telegram refused setWebhook: Bad Request: bad webhook: An HTTPS URL must be provided for webhook$/,
    ],
    [
      'a port Telegram does not deliver to',
      {},
      'https://jansetu.bihar.example:3000',
      /Webhook can be set up only on ports 80, 88, 443 or 8443$/,
    ],
    [
      'a token of another bot',
      { TELEGRAM_BOT_TOKEN: `987654321:${'B'.repeat(35)}` },
      'https://jansetu.bihar.example',
      /^Telegram refused setWebhook: Unauthorized \(check TELEGRAM_BOT_TOKEN\)$/,
    ],
  ])('refuses with what to fix: %s', async (_label, overrides, base, message) => {
    await expect(registerTelegramWebhook({ env: { ...env(), ...overrides }, PUBLIC_BASE_URL: base })).rejects.toThrow(
      message,
    );
    expect(fake.webhook.url).toBe('');
  });
});
