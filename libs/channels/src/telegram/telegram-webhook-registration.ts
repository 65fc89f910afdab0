import { cleanEnvironment, parseSettings } from '@jansetu/platform';
import { Api, GrammyError, HttpError } from 'grammy';
import type { ChannelsConfig } from '../provider-registry';
import { telegramSettings } from './telegram.provider';

/** Where the gateway receives Telegram updates (ProviderWebhooksController). */
export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

/** Only messages reach the core (TelegramWebhook acknowledges and drops the rest), so Telegram need not send more. */
export const TELEGRAM_ALLOWED_UPDATES = ['message'] as const;

/** A refusal an operator can act on: the setting to fix, or the Bot API's own description. */
export class TelegramWebhookRegistrationError extends Error {
  readonly code = 'telegram_webhook_registration';
}

export interface TelegramWebhookRegistered {
  url: string;
  /** What Telegram answered to setWebhook: "Webhook was set", "Webhook is already set". */
  description: string;
  pendingUpdateCount: number;
  /** Telegram's last failure to deliver to the webhook, if it reports one. */
  lastErrorMessage?: string;
}

/**
 * Registers PUBLIC_BASE_URL + /webhooks/telegram with the Bot API's setWebhook, with TELEGRAM_WEBHOOK_SECRET as the
 * secret_token TelegramWebhook checks, through grammY's Api (the client the adapter sends with); then reads
 * getWebhookInfo back, so success means Telegram now holds this URL, not just that the call returned.
 */
export async function registerTelegramWebhook(
  config: Pick<ChannelsConfig, 'env' | 'PUBLIC_BASE_URL'>,
): Promise<TelegramWebhookRegistered> {
  const settings = parseSettings(telegramSettings, cleanEnvironment(config.env));
  const missing = [
    !settings.TELEGRAM_BOT_TOKEN && 'TELEGRAM_BOT_TOKEN',
    !settings.TELEGRAM_WEBHOOK_SECRET && 'TELEGRAM_WEBHOOK_SECRET',
    !config.PUBLIC_BASE_URL && 'PUBLIC_BASE_URL',
  ].filter((name): name is string => !!name);
  if (missing.length) throw new TelegramWebhookRegistrationError(`set ${missing.join(', ')}`);
  const url = `${config.PUBLIC_BASE_URL!.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
  const api = new Api(settings.TELEGRAM_BOT_TOKEN!, {
    apiRoot: settings.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    timeoutSeconds: 30,
  });
  try {
    const description = await setWebhook(api, url, settings.TELEGRAM_WEBHOOK_SECRET!);
    const info = await api.getWebhookInfo();
    if (info.url !== url) {
      throw new TelegramWebhookRegistrationError(`Telegram reports the webhook as "${info.url}", not ${url}`);
    }
    return {
      url,
      description,
      pendingUpdateCount: info.pending_update_count,
      ...(info.last_error_message ? { lastErrorMessage: info.last_error_message } : {}),
    };
  } catch (error) {
    if (error instanceof GrammyError) {
      const hint = error.error_code === 401 || error.error_code === 404 ? ' (check TELEGRAM_BOT_TOKEN)' : '';
      throw new TelegramWebhookRegistrationError(`Telegram refused ${error.method}: ${error.description}${hint}`);
    }
    if (error instanceof HttpError) {
      throw new TelegramWebhookRegistrationError(`Telegram Bot API unreachable at ${settings.TELEGRAM_API_ROOT}`);
    }
    throw error;
  }
}

/** setWebhook's description ("Webhook was set"), which grammY's typed call drops. */
async function setWebhook(api: Api, url: string, secret: string): Promise<string> {
  let description = 'Webhook was set';
  api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    // ApiSuccess is typed without it, but the Bot API sends `description` beside `result` here.
    const said = (result as { description?: unknown }).description;
    if (method === 'setWebhook' && result.ok && typeof said === 'string') description = said;
    return result;
  });
  await api.setWebhook(url, { secret_token: secret, allowed_updates: [...TELEGRAM_ALLOWED_UPDATES] });
  return description;
}
