import { Logger } from '@nestjs/common';
import { AppConfig } from '@jansetu/platform';
import { ChannelAdapter, ChannelWebhook } from './channel-adapter.port';
import { DltSmsAdapter } from './dlt-sms/dlt-sms.adapter';
import { DltSmsWebhook } from './dlt-sms/dlt-sms.webhook';
import { MetaWhatsAppAdapter } from './meta-whatsapp/meta-whatsapp.adapter';
import { MetaWhatsAppWebhook } from './meta-whatsapp/meta-whatsapp.webhook';
import { SimulatorAdapter } from './simulator/simulator.adapter';
import { TelegramAdapter } from './telegram/telegram.adapter';
import { TelegramWebhook } from './telegram/telegram.webhook';
import { TwilioAdapter } from './twilio/twilio.adapter';
import { TwilioWebhook } from './twilio/twilio.webhook';

export interface Channels {
  adapters: ChannelAdapter[];
  webhooks: ChannelWebhook[];
}

/** Which settings a provider needs; a provider with any of them missing is off. */
function missing(config: AppConfig, keys: (keyof AppConfig)[]): string[] {
  return keys.filter((k) => config[k] === undefined || config[k] === '');
}

/**
 * Builds the adapters and webhooks this deployment has credentials for. One provider per channel: SMS through the
 * DLT gateway or Twilio (SMS_PROVIDER), WhatsApp through Meta or Twilio (WHATSAPP_PROVIDER). Says what is off, and why.
 */
export function buildChannels(config: AppConfig, simulator: SimulatorAdapter): Channels {
  const logger = new Logger('Channels');
  const adapters: ChannelAdapter[] = [];
  const webhooks: ChannelWebhook[] = [];
  const report = (channel: string, provider: string, absent: string[]) =>
    absent.length
      ? logger.warn(`channel ${channel} (${provider}) is off: set ${absent.join(', ')}`)
      : logger.log(`channel ${channel} (${provider}) is on`);

  if (config.CHANNEL_SIMULATOR) adapters.push(simulator);
  const twilioKeys: (keyof AppConfig)[] = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'PUBLIC_BASE_URL'];

  if (config.SMS_PROVIDER === 'twilio') {
    const absent = missing(config, [...twilioKeys, 'TWILIO_SMS_FROM']);
    report('sms', 'twilio', absent);
    if (!absent.length) {
      adapters.push(new TwilioAdapter(config, 'sms'));
      webhooks.push(new TwilioWebhook(config, 'twilio-sms'));
    }
  } else {
    const absent = missing(config, [
      'DLT_SMS_URL',
      'DLT_SENDER',
      'DLT_ENTITY_ID',
      'DLT_DEFAULT_TEMPLATE_ID',
      'DLT_INBOUND_SECRET',
    ]);
    report('sms', 'dlt', absent);
    if (!absent.length) {
      adapters.push(new DltSmsAdapter(config));
      webhooks.push(new DltSmsWebhook(config));
    }
  }

  if (config.WHATSAPP_PROVIDER === 'twilio') {
    const absent = missing(config, [...twilioKeys, 'TWILIO_WHATSAPP_FROM']);
    report('whatsapp', 'twilio', absent);
    if (!absent.length) {
      adapters.push(new TwilioAdapter(config, 'whatsapp'));
      webhooks.push(new TwilioWebhook(config, 'twilio-whatsapp'));
    }
  } else {
    const absent = missing(config, [
      'WHATSAPP_ACCESS_TOKEN',
      'WHATSAPP_PHONE_NUMBER_ID',
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_VERIFY_TOKEN',
    ]);
    report('whatsapp', 'meta', absent);
    if (!absent.length) {
      adapters.push(new MetaWhatsAppAdapter(config));
      webhooks.push(new MetaWhatsAppWebhook(config));
    }
  }
  if (adapters.some((a) => a.capabilities.provider === 'twilio'))
    webhooks.push(new TwilioWebhook(config, 'twilio-status'));

  const telegramAbsent = missing(config, ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_BOT_USERNAME']);
  report('telegram', 'telegram', telegramAbsent);
  if (!telegramAbsent.length) {
    adapters.push(new TelegramAdapter(config));
    webhooks.push(new TelegramWebhook(config));
  }
  return { adapters, webhooks };
}
