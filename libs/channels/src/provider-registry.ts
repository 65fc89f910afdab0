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
    const missing = absentSettings(provider, channel, settings.get(provider)!, shared);
    const on = provider.switchedOn ? provider.switchedOn(config) : missing.length === 0;
    return [{ channel, provider, missing, on }];
  });
  return { selections, settings, publicBaseUrl: config.PUBLIC_BASE_URL };
}

/** The settings a provider requires for a channel that are absent (unset or empty), in the order it lists them. */
function absentSettings(
  provider: ProviderDescriptor,
  channel: ChannelName,
  own: Record<string, unknown>,
  shared: Record<SharedSetting, string | undefined>,
): string[] {
  return (provider.requires[channel] ?? []).map(String).filter((name) => {
    const value = name in shared ? shared[name as SharedSetting] : own[name];
    return value === undefined || value === '';
  });
}

/**
 * What start-up says about each channel: on, or off with the settings it lacks; and a provider whose credentials are
 * set while no channel selects it, so the operator learns which selector to change rather than re-checking secrets.
 */
export function startUpLines(plan: ChannelPlan): { level: 'log' | 'warn'; text: string }[] {
  const lines: { level: 'log' | 'warn'; text: string }[] = [];
  for (const { channel, provider, missing, on } of plan.selections) {
    if (provider.switchedOn) continue;
    if (on) lines.push({ level: 'log', text: `channel ${channel} (${provider.provider}) is on` });
    else
      lines.push({
        level: 'warn',
        text: `channel ${channel} (${provider.provider}) is off: set ${missing.join(', ')}`,
      });
  }
  for (const [provider, own] of plan.settings) {
    if (provider.switchedOn || plan.selections.some((s) => s.provider === provider)) continue;
    const required = [...new Set(Object.values(provider.requires).flat().map(String))].filter(
      (name) => name !== 'PUBLIC_BASE_URL', // shared: set for everyone, it says nothing about this provider
    );
    const set = required.filter((name) => own[name] !== undefined && own[name] !== '');
    if (!set.length) continue;
    const selectors = provider.channels.map((c) => {
      const chosen = plan.selections.find((s) => s.channel === c)?.provider.provider;
      return `${selectorSetting(c)}=${chosen} (set ${selectorSetting(c)}=${provider.provider} to use it)`;
    });
    lines.push({
      level: 'warn',
      text: `provider ${provider.provider} is not selected although ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set: ${selectors.join(', ')}`,
    });
  }
  return lines;
}

/**
 * Why a webhook route is off, precisely: the channel it serves is given to another provider (and by which selector),
 * or the settings it still needs. Its 404 says this, never a vague "no credentials" when they are set.
 */
export function webhookOffReason(plan: ChannelPlan, route: string, providers = PROVIDERS): string {
  const provider = providers.find((p) => p.webhooks && route in p.webhooks);
  if (!provider) return `no provider has a webhook ${route}`;
  const reasons = provider.webhooks![route].map((channel) => {
    const selection = plan.selections.find((s) => s.channel === channel);
    if (!selection) return `channel ${channel} has no provider`;
    if (selection.provider !== provider) {
      const chosen = selection.provider.provider;
      return `channel ${channel} is served by ${chosen} (${selectorSetting(channel)}=${chosen}; set ${selectorSetting(channel)}=${provider.provider} to use ${provider.provider})`;
    }
    if (selection.on) return `channel ${channel} is on`;
    return `channel ${channel} (${provider.provider}) needs ${selection.missing.join(', ')}`;
  });
  return `webhook ${route} is off: ${reasons.join('; ')}`;
}

/** One line of `providers:check`: a provider able to serve a channel, and what of its required settings is there. */
export interface ProviderCheck {
  channel: ChannelName;
  provider: string;
  /** The selector that picks it (SMS_PROVIDER=...), or why it is the only one. */
  selection: string;
  selected: boolean;
  on: boolean;
  /** Required settings that are set (names only: values are secrets). */
  set: string[];
  /** Required settings that are absent. */
  missing: string[];
  /** Its optional settings given in the environment, so a typo in a name shows as "not set" rather than passing. */
  optionalSet: string[];
}

/** Every channel and every provider that could serve it, from the settings alone (no provider is called). */
export function checkProviders(
  config: ChannelsConfig,
  providers: readonly ProviderDescriptor[] = PROVIDERS,
): ProviderCheck[] {
  const plan = planChannels(config, providers);
  const env = cleanEnvironment(config.env);
  const shared: Record<SharedSetting, string | undefined> = { PUBLIC_BASE_URL: config.PUBLIC_BASE_URL };
  return CHANNEL_NAMES.flatMap((channel) => {
    const chosen = plan.selections.find((s) => s.channel === channel);
    const candidates = serving(providers, channel);
    return candidates.map((provider): ProviderCheck => {
      const selected = chosen?.provider === provider;
      const required = (provider.requires[channel] ?? []).map(String);
      const missing = absentSettings(provider, channel, plan.settings.get(provider)!, shared);
      const selector = selectorSetting(channel);
      const selection = provider.switchedOn
        ? 'switched by CHANNEL_SIMULATOR'
        : candidates.length < 2
          ? 'the only provider'
          : selected
            ? `${selector}=${provider.provider}${env[selector] === undefined ? ' (the default)' : ''}`
            : `not selected (set ${selector}=${provider.provider})`;
      return {
        channel,
        provider: provider.provider,
        selection,
        selected,
        on: selected && !!chosen?.on,
        set: required.filter((name) => !missing.includes(name)),
        missing,
        optionalSet: Object.keys(provider.settings.shape).filter((n) => !required.includes(n) && env[n] !== undefined),
      };
    });
  });
}

/** Builds the adapters and webhooks of the channels that are on, and says at start-up what is off, and why. */
export function buildChannels(plan: ChannelPlan, services: ProviderServices): Channels {
  const logger = new Logger('Channels');
  for (const line of startUpLines(plan)) logger[line.level](line.text);
  const adapters: ChannelAdapter[] = [];
  const webhooks: ChannelWebhook[] = [];
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
  }
  adapters.sort((a, b) => CHANNEL_NAMES.indexOf(a.channel) - CHANNEL_NAMES.indexOf(b.channel));
  return { adapters, webhooks };
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
