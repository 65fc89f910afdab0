import { ConfigError } from '@jansetu/platform';
import { describe, expect, it } from 'vitest';
import { paceKey, routeName } from './channel-adapter.port';
import { ProviderServices } from './provider-descriptor';
import {
  buildChannels,
  checkProviders,
  planChannels,
  PROVIDERS,
  publishedAddresses,
  selectorSettings,
  startUpLines,
  webhookOffReason,
} from './provider-registry';

const TWILIO = {
  TWILIO_ACCOUNT_SID: 'AC' + '0123456789abcdef'.repeat(2),
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789',
  TWILIO_SMS_FROM: '+15005550006',
  TWILIO_WHATSAPP_FROM: '+14155238886',
};
const META = {
  WHATSAPP_ACCESS_TOKEN: 'EAAG-test-token-123',
  WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  WHATSAPP_APP_SECRET: 'app-secret-for-tests',
  WHATSAPP_VERIFY_TOKEN: 'verify-token-123',
};
const TELEGRAM = {
  TELEGRAM_BOT_TOKEN: '123456789:' + 'A'.repeat(35),
  TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123',
  TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
};
const DLT = {
  DLT_SMS_URL: 'https://dlt.example.in/api/v2/sendsms',
  DLT_SENDER: 'BHRPOL',
  DLT_ENTITY_ID: '1101234567890123456',
  DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
  DLT_INBOUND_SECRET: 'dlt-inbound-secret-0123456789',
};
const PUBLIC_BASE_URL = 'https://jansetu.example.in';

const plan = (env: Record<string, string>, central: { CHANNEL_SIMULATOR?: boolean; PUBLIC_BASE_URL?: string } = {}) =>
  planChannels({
    env,
    CHANNEL_SIMULATOR: central.CHANNEL_SIMULATOR ?? false,
    PUBLIC_BASE_URL: central.PUBLIC_BASE_URL,
  });

/** "channel (provider)": on, or the settings it names as missing. */
const summary = (env: Record<string, string>, central?: Parameters<typeof plan>[1]) =>
  plan(env, central).selections.map((s) => [`${s.channel} (${s.provider.provider})`, s.on ? 'on' : s.missing]);

// Only the simulator uses the platform services, and it stays off in these cases.
const NO_SERVICES = {} as ProviderServices;

describe('provider registry', () => {
  it('has exactly one default provider for each channel several providers serve', () => {
    expect(Object.keys(selectorSettings().shape).sort()).toEqual([
      'SMS_PROVIDER',
      'SMS_PROVIDERS',
      'WHATSAPP_PROVIDER',
      'WHATSAPP_PROVIDERS',
    ]);
    expect(new Set(PROVIDERS.map((p) => p.provider)).size).toBe(PROVIDERS.length);
  });

  it.each([
    [
      'nothing configured: DLT SMS and Meta WhatsApp by default, each naming every missing setting',
      {},
      {},
      [
        ['simulator (simulator)', []],
        ['sms (dlt)', ['DLT_SMS_URL', 'DLT_SENDER', 'DLT_ENTITY_ID', 'DLT_DEFAULT_TEMPLATE_ID', 'DLT_INBOUND_SECRET']],
        [
          'whatsapp (meta)',
          ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
        ],
        ['telegram (telegram)', ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_USERNAME']],
      ],
    ],
    [
      'Twilio for both, without PUBLIC_BASE_URL or the WhatsApp sender',
      { SMS_PROVIDER: 'twilio', WHATSAPP_PROVIDER: 'twilio', ...TWILIO, TWILIO_WHATSAPP_FROM: '' },
      { CHANNEL_SIMULATOR: true },
      [
        ['simulator (simulator)', 'on'],
        ['sms (twilio)', ['PUBLIC_BASE_URL']],
        ['whatsapp (twilio)', ['PUBLIC_BASE_URL', 'TWILIO_WHATSAPP_FROM']],
        ['telegram (telegram)', ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_USERNAME']],
      ],
    ],
    [
      'Twilio SMS, Meta WhatsApp and Telegram, all configured',
      { SMS_PROVIDER: 'twilio', ...TWILIO, ...META, ...TELEGRAM },
      { PUBLIC_BASE_URL },
      [
        ['simulator (simulator)', []],
        ['sms (twilio)', 'on'],
        ['whatsapp (meta)', 'on'],
        ['telegram (telegram)', 'on'],
      ],
    ],
  ])('%s', (_label, env, central, expected) => {
    expect(summary(env, central)).toEqual(expected);
  });

  it.each([
    [{ SMS_PROVIDER: 'gupshup' }, /^Invalid setting SMS_PROVIDER: /],
    [{ TWILIO_ACCOUNT_SID: 'SK123' }, /^Invalid setting TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits$/],
    [{ WHATSAPP_API_VERSION: '23' }, /^Invalid setting WHATSAPP_API_VERSION: must look like v23.0$/],
    [{ TELEGRAM_RATE: '-1' }, /^Invalid setting TELEGRAM_RATE: /],
    [{ DLT_SENDER: 'bhrpol' }, /^Invalid setting DLT_SENDER: must be the 6-letter DLT header/],
    [{ SMS_PROVIDERS: 'dlt,gupshup' }, /^Invalid setting SMS_PROVIDERS\.1: /],
    [{ SMS_PROVIDERS: 'dlt,twilio,dlt' }, /^Invalid setting SMS_PROVIDERS: names a provider twice$/],
    [
      { SMS_PROVIDER: 'twilio', SMS_PROVIDERS: 'dlt,twilio' },
      /^Invalid setting SMS_PROVIDER: twilio contradicts SMS_PROVIDERS=dlt,twilio \(set one of them\)$/,
    ],
    [{ WHATSAPP_NUMBERS: '{patna:1}' }, /^Invalid setting WHATSAPP_NUMBERS: must be JSON/],
    [
      { WHATSAPP_NUMBERS: '{"patna":{"phoneNumberId":"+91612"}}' },
      /^Invalid setting WHATSAPP_NUMBERS\.patna\.phoneNumberId: must be the numeric phone number id$/,
    ],
    [{ CHANNEL_ROUTES: '{"whatsapp":' }, /^Invalid setting CHANNEL_ROUTES: must be JSON/],
    [{ CHANNEL_ROUTES: '{"fax":{"PAT":"dlt"}}' }, /^Invalid setting CHANNEL_ROUTES: Unrecognized key: "fax"$/],
    [
      {
        WHATSAPP_NUMBERS: '{"patna":{"phoneNumberId":"106540352242001"}}',
        CHANNEL_ROUTES: '{"whatsapp":{"GAYA":"gaya"}}',
      },
      /^Invalid setting CHANNEL_ROUTES: whatsapp.GAYA is "gaya", not one of meta, patna$/,
    ],
    [
      { CHANNEL_ROUTES: '{"sms":{"*":"twilio"}}' },
      /^Invalid setting CHANNEL_ROUTES: sms.\* is "twilio", not one of dlt$/,
    ],
  ])('refuses %j, selected or not, with one line naming the setting', (env, message) => {
    expect(() => plan(env)).toThrow(ConfigError);
    expect(() => plan(env)).toThrow(message);
  });

  it('builds one adapter per channel that is on, and the Twilio status webhook once for both Twilio channels', () => {
    const env = { SMS_PROVIDER: 'twilio', WHATSAPP_PROVIDER: 'twilio', ...TWILIO, ...TELEGRAM };
    const { adapters, webhooks } = buildChannels(plan(env, { PUBLIC_BASE_URL }), NO_SERVICES);

    expect(adapters.map((a) => `${a.channel} (${a.capabilities.provider})`)).toEqual([
      'sms (twilio)',
      'whatsapp (twilio)',
      'telegram (telegram)',
    ]);
    expect(webhooks.map((w) => w.route).sort()).toEqual(['telegram', 'twilio-sms', 'twilio-status', 'twilio-whatsapp']);
  });

  it("keeps single-provider settings as they were, and lists a channel's providers in SMS_PROVIDERS order", () => {
    expect(summary({ SMS_PROVIDER: 'twilio', ...TWILIO }, { PUBLIC_BASE_URL })[1]).toEqual(['sms (twilio)', 'on']);
    expect(summary({ SMS_PROVIDERS: 'twilio,dlt', ...TWILIO }, { PUBLIC_BASE_URL }).slice(1, 3)).toEqual([
      ['sms (twilio)', 'on'],
      ['sms (dlt)', ['DLT_SMS_URL', 'DLT_SENDER', 'DLT_ENTITY_ID', 'DLT_DEFAULT_TEMPLATE_ID', 'DLT_INBOUND_SECRET']],
    ]);
  });

  it("builds a channel's lines in order of preference: each provider, and each WhatsApp number with its own rate", () => {
    const env = {
      ...DLT,
      ...TWILIO,
      ...META,
      SMS_PROVIDERS: 'dlt,twilio',
      WHATSAPP_PROVIDERS: 'meta,twilio',
      WHATSAPP_NUMBERS: JSON.stringify({
        patna: { phoneNumberId: '106540352242001', rate: 20 },
        gaya: { phoneNumberId: '106540352242002' },
      }),
      CHANNEL_ROUTES: JSON.stringify({ whatsapp: { PAT: 'patna', GAYA: 'gaya' }, sms: { '*': 'dlt' } }),
    };
    const p = plan(env, { PUBLIC_BASE_URL });
    const { adapters } = buildChannels(p, NO_SERVICES);

    expect(adapters.map((a) => [a.channel, routeName(a), paceKey(a), a.capabilities.ratePerSecond])).toEqual([
      ['sms', 'dlt', 'dlt:sms', 50],
      ['sms', 'twilio', 'twilio:sms', 10],
      ['whatsapp', 'meta', 'meta:whatsapp', 80],
      ['whatsapp', 'patna', 'meta:whatsapp:patna', 20],
      ['whatsapp', 'gaya', 'meta:whatsapp:gaya', 80],
      ['whatsapp', 'twilio', 'twilio:whatsapp', 80],
    ]);
    expect(p.routes).toEqual({ whatsapp: { PAT: 'patna', GAYA: 'gaya' }, sms: { '*': 'dlt' } });
  });

  it('builds nothing for a channel that is off', () => {
    const { adapters, webhooks } = buildChannels(plan({ ...META, WHATSAPP_VERIFY_TOKEN: '' }), NO_SERVICES);

    expect(adapters).toEqual([]);
    expect(webhooks).toEqual([]);
  });

  it.each([
    [
      'Telegram bot username, whether or not Telegram is on',
      { TELEGRAM_BOT_USERNAME: 'BiharJanSetuBot' },
      { telegram: 'BiharJanSetuBot' },
    ],
    [
      'Twilio WhatsApp sender when Twilio serves WhatsApp',
      { WHATSAPP_PROVIDER: 'twilio', ...TWILIO },
      { whatsapp: '+14155238886' },
    ],
    ['no WhatsApp address from Twilio when Meta serves WhatsApp', { ...TWILIO }, {}],
    [
      "no WhatsApp address from Twilio when it is only Meta's fallback",
      { WHATSAPP_PROVIDERS: 'meta,twilio', ...TWILIO },
      {},
    ],
  ])('publishes the %s', (_label, env, expected) => {
    expect(publishedAddresses({ env, CHANNEL_SIMULATOR: false, PUBLIC_BASE_URL: undefined })).toEqual(expected);
  });

  it.each([
    [
      'Twilio credentials set while DLT serves SMS and Meta WhatsApp: the selector, not the credentials',
      { ...TWILIO },
      'twilio-sms',
      'webhook twilio-sms is off: channel sms is served by dlt (SMS_PROVIDER=dlt; set SMS_PROVIDER=twilio to use twilio)',
    ],
    [
      'the Twilio status route names both channels it could serve',
      { ...TWILIO },
      'twilio-status',
      'webhook twilio-status is off: channel sms is served by dlt (SMS_PROVIDER=dlt; set SMS_PROVIDER=twilio to use ' +
        'twilio); channel whatsapp is served by meta (WHATSAPP_PROVIDER=meta; set WHATSAPP_PROVIDER=twilio to use twilio)',
    ],
    [
      'Telegram with its token and username but no webhook secret',
      { ...TELEGRAM, TELEGRAM_WEBHOOK_SECRET: '' },
      'telegram',
      'webhook telegram is off: channel telegram (telegram) needs TELEGRAM_WEBHOOK_SECRET',
    ],
    [
      'Meta selected, its verify token missing',
      { ...META, WHATSAPP_VERIFY_TOKEN: '' },
      'meta-whatsapp',
      'webhook meta-whatsapp is off: channel whatsapp (meta) needs WHATSAPP_VERIFY_TOKEN',
    ],
    [
      'Twilio selected for SMS without PUBLIC_BASE_URL',
      { SMS_PROVIDER: 'twilio', ...TWILIO },
      'twilio-sms',
      'webhook twilio-sms is off: channel sms (twilio) needs PUBLIC_BASE_URL',
    ],
  ])('an off webhook says why: %s', (_label, env, route, reason) => {
    expect(webhookOffReason(plan(env), route)).toBe(reason);
  });

  it('every webhook a provider builds is one its descriptor declares, so an off route can always say why', () => {
    const env = { SMS_PROVIDER: 'twilio', WHATSAPP_PROVIDER: 'twilio', ...TWILIO, ...TELEGRAM };
    const built = buildChannels(plan(env, { PUBLIC_BASE_URL }), NO_SERVICES).webhooks.map((w) => w.route);
    const metaAndDlt = buildChannels(
      plan({
        ...META,
        DLT_SMS_URL: 'https://dlt.example/send',
        DLT_SENDER: 'BHRPOL',
        DLT_ENTITY_ID: '1101234567890123456',
        DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
        DLT_INBOUND_SECRET: 'dlt-inbound-secret-0123',
      }),
      NO_SERVICES,
    ).webhooks.map((w) => w.route);
    const declared = PROVIDERS.flatMap((p) => Object.keys(p.webhooks ?? {}));
    expect([...built, ...metaAndDlt].sort()).toEqual([...declared].sort());
  });

  it('says at start-up which settings keep a channel off, and which selector leaves configured credentials unused', () => {
    const lines = startUpLines(plan({ ...TWILIO, ...TELEGRAM, TELEGRAM_BOT_USERNAME: '' }));
    expect(lines).toEqual([
      {
        level: 'warn',
        text: 'channel sms (dlt) is off: set DLT_SMS_URL, DLT_SENDER, DLT_ENTITY_ID, DLT_DEFAULT_TEMPLATE_ID, DLT_INBOUND_SECRET',
      },
      {
        level: 'warn',
        text: 'channel whatsapp (meta) is off: set WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN',
      },
      { level: 'warn', text: 'channel telegram (telegram) is off: set TELEGRAM_BOT_USERNAME' },
      {
        level: 'warn',
        text:
          'provider twilio is not selected although TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_SMS_FROM, ' +
          'TWILIO_WHATSAPP_FROM are set: SMS_PROVIDER=dlt (set SMS_PROVIDER=twilio to use it), ' +
          'WHATSAPP_PROVIDER=meta (set WHATSAPP_PROVIDER=twilio to use it)',
      },
    ]);
  });

  it('checks every provider of every channel: which required settings are set, which are missing, never a value', () => {
    const checks = checkProviders({
      env: { SMS_PROVIDER: 'twilio', ...TWILIO, TWILIO_WHATSAPP_FROM: '', TWILIO_SMS_RATE: '5', ...META },
      CHANNEL_SIMULATOR: true,
      PUBLIC_BASE_URL,
    });
    const row = (channel: string, provider: string) =>
      checks.find((c) => c.channel === channel && c.provider === provider);
    expect(checks.map((c) => `${c.channel}/${c.provider}`)).toEqual([
      'simulator/simulator',
      'sms/dlt',
      'sms/twilio',
      'whatsapp/meta',
      'whatsapp/twilio',
      'telegram/telegram',
    ]);
    expect(row('simulator', 'simulator')).toMatchObject({ on: true, selection: 'switched by CHANNEL_SIMULATOR' });
    expect(row('sms', 'twilio')).toEqual({
      channel: 'sms',
      provider: 'twilio',
      selection: 'SMS_PROVIDER=twilio',
      selected: true,
      on: true,
      set: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'PUBLIC_BASE_URL', 'TWILIO_SMS_FROM'],
      missing: [],
      optionalSet: ['TWILIO_SMS_RATE'],
    });
    expect(row('sms', 'dlt')).toMatchObject({
      selection: 'not selected (set SMS_PROVIDER=dlt)',
      on: false,
      set: [],
      missing: ['DLT_SMS_URL', 'DLT_SENDER', 'DLT_ENTITY_ID', 'DLT_DEFAULT_TEMPLATE_ID', 'DLT_INBOUND_SECRET'],
    });
    expect(row('whatsapp', 'meta')).toMatchObject({ selection: 'WHATSAPP_PROVIDER=meta (the default)', on: true });
    expect(row('whatsapp', 'twilio')).toMatchObject({ on: false, missing: ['TWILIO_WHATSAPP_FROM'] });
    expect(row('telegram', 'telegram')).toMatchObject({
      selection: 'the only provider',
      on: false,
      missing: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_USERNAME'],
    });
    expect(JSON.stringify(checks)).not.toContain(TWILIO.TWILIO_AUTH_TOKEN);
  });
});
