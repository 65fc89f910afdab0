import { z } from 'zod';
import { defineProvider } from '../provider-descriptor';
import { TelegramAdapter } from './telegram.adapter';
import { TelegramWebhook } from './telegram.webhook';

export const telegramSettings = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^[0-9]{5,12}:[A-Za-z0-9_-]{30,}$/, 'must be <bot id>:<secret>')
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 of A-Z a-z 0-9 _ -')
    .optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{5,32}$/, 'must be the bot username without @')
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_RATE: z.coerce.number().positive().default(30),
});

export type TelegramSettings = z.output<typeof telegramSettings>;

/** A Telegram bot; citizens join through t.me/<TELEGRAM_BOT_USERNAME>?start=<code>. */
export const telegramProvider = defineProvider({
  provider: 'telegram',
  channels: ['telegram'],
  settings: telegramSettings,
  webhooks: { telegram: ['telegram'] },
  requires: { telegram: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_USERNAME'] },
  address: (settings) => settings.TELEGRAM_BOT_USERNAME,
  create: ({ settings }) => ({
    adapters: [new TelegramAdapter(settings)],
    webhooks: [new TelegramWebhook(settings)],
  }),
});
