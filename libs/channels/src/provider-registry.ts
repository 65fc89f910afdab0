import { Logger } from '@nestjs/common';
import { AppConfig, cleanEnvironment, parseSettings } from '@jansetu/platform';
import { z } from 'zod';
import { ChannelAdapter, ChannelName, CHANNEL_NAMES, ChannelWebhook } from './channel-adapter.port';
import { dltSmsProvider } from './dlt-sms/dlt-sms.provider';
import { metaWhatsAppProvider } from './meta-whatsapp/meta-whatsapp.provider';
import { ProviderDescriptor, ProviderServices, SharedSetting } from './provider-descriptor';
import { simulatorProvider } from './simulator/simulator.provider';
import { telegramProvider } from './telegram/telegram.provider';
import { twilioProvider } from './twilio/twilio.provider';

/** Every provider JanSetu can speak through. A new provider is its folder plus one line here. */
export const PROVIDERS: readonly ProviderDescriptor[] = [
  simulatorProvider,
  dltSmsProvider,
  metaWhatsAppProvider,
  twilioProvider,
  telegramProvider,
];

/** What the registry reads of the central configuration; each provider's own settings come from `env`. */
export type ChannelsConfig = Pick<AppConfig, 'env' | 'CHANNEL_SIMULATOR' | 'PUBLIC_BASE_URL'>;

export interface ChannelSelection {
  channel: ChannelName;
  provider: ProviderDescriptor;
  /** The required settings that are absent, as start-up names them. */
  missing: string[];
  on: boolean;
}

/** Which provider serves each channel and whether it is on, decided from the settings alone (no I/O). */
export interface ChannelPlan {
  selections: ChannelSelection[];
  settings: ReadonlyMap<ProviderDescriptor, Record<string, unknown>>;
  publicBaseUrl?: string;
}

export interface Channels {
  adapters: ChannelAdapter[];
  webhooks: ChannelWebhook[];
  /** Every provider's start-up I/O, in order; a failure stops start-up. */
  start(): Promise<void>;
}

/** SMS_PROVIDER, WHATSAPP_PROVIDER: the setting that picks among the providers of one channel. */
export const selectorSetting = (channel: ChannelName): string => `${channel.toUpperCase()}_PROVIDER`;

const serving = (providers: readonly ProviderDescriptor[], channel: ChannelName) =>
  providers.filter((p) => p.channels.includes(channel));

/** The selector settings of the channels several providers serve, each defaulting to that channel's default. */
export function selectorSettings(providers: readonly ProviderDescriptor[] = PROVIDERS): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const channel of CHANNEL_NAMES) {
    const candidates = serving(providers, channel);
    if (candidates.length < 2) continue;
    const defaults = candidates.filter((p) => p.defaultFor?.includes(channel));
    if (defaults.length !== 1) throw new Error(`channel ${channel} needs exactly one default provider`);
    const names = candidates.map((p) => p.provider) as [string, ...string[]];
    shape[selectorSetting(channel)] = z.enum(names).default(defaults[0].provider);
  }
  return z.object(shape);
}

/**
 * Validates the selectors and every provider's settings (selected or not, so a typo never waits for the day it is
 * switched on) and decides which provider serves each channel. Throws ConfigError naming a bad setting.
 */
export function planChannels(
  config: ChannelsConfig,
  providers: readonly ProviderDescriptor[] = PROVIDERS,
): ChannelPlan {
  const env = cleanEnvironment(config.env);
  const selected = parseSettings(selectorSettings(providers), env) as Record<string, string>;
  const settings = new Map(providers.map((p) => [p, parseSettings(p.settings, env)]));
  const shared: Record<SharedSetting, string | undefined> = { PUBLIC_BASE_URL: config.PUBLIC_BASE_URL };
  const selections = CHANNEL_NAMES.flatMap((channel): ChannelSelection[] => {
    const candidates = serving(providers, channel);
    const provider =
      candidates.length > 1 ? candidates.find((p) => p.provider === selected[selectorSetting(channel)]) : candidates[0];
    if (!provider) return [];
    const own = settings.get(provider)!;
    const missing = (provider.requires[channel] ?? []).map(String).filter((name) => {
      const value = name in shared ? shared[name as SharedSetting] : own[name];
      return value === undefined || value === '';
    });
    const on = provider.switchedOn ? provider.switchedOn(config) : missing.length === 0;
    return [{ channel, provider, missing, on }];
  });
  return { selections, settings, publicBaseUrl: config.PUBLIC_BASE_URL };
}

/** Builds the adapters and webhooks of the channels that are on, and says at start-up what is off, and why. */
export function buildChannels(plan: ChannelPlan, services: ProviderServices): Channels {
  const logger = new Logger('Channels');
  for (const { channel, provider, missing } of plan.selections) {
    if (provider.switchedOn) continue;
    if (missing.length) logger.warn(`channel ${channel} (${provider.provider}) is off: set ${missing.join(', ')}`);
    else logger.log(`channel ${channel} (${provider.provider}) is on`);
  }
  const adapters: ChannelAdapter[] = [];
  const webhooks: ChannelWebhook[] = [];
  const starts: (() => Promise<void>)[] = [];
  const on = plan.selections.filter((s) => s.on);
  for (const provider of new Set(on.map((s) => s.provider))) {
    const built = provider.create({
      settings: plan.settings.get(provider)!,
      channels: on.filter((s) => s.provider === provider).map((s) => s.channel),
      publicBaseUrl: plan.publicBaseUrl,
      services,
    });
    adapters.push(...built.adapters);
    webhooks.push(...built.webhooks);
    if (built.start) starts.push(() => built.start!());
  }
  adapters.sort((a, b) => CHANNEL_NAMES.indexOf(a.channel) - CHANNEL_NAMES.indexOf(b.channel));
  const start = async () => {
    for (const run of starts) await run();
  };
  return { adapters, webhooks, start };
}

/**
 * Where citizens write to, per channel, as the selected providers' settings name it (TELEGRAM_BOT_USERNAME, Twilio's
 * WhatsApp sender), whether or not the channel is on; join posters and links show them.
 */
export function publishedAddresses(config: ChannelsConfig): Partial<Record<ChannelName, string>> {
  const plan = planChannels(config);
  return Object.fromEntries(
    plan.selections.flatMap(({ channel, provider }) => {
      const address = provider.address?.(plan.settings.get(provider)!, channel);
      return address ? [[channel, address]] : [];
    }),
  );
}
