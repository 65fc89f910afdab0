import { Logger } from '@nestjs/common';
import { AppConfig, cleanEnvironment, ConfigError, parseSettings } from '@jansetu/platform';
import { z } from 'zod';
import { ChannelAdapter, ChannelName, CHANNEL_NAMES, ChannelWebhook } from './channel-adapter.port';
import { dltSmsProvider } from './dlt-sms/dlt-sms.provider';
import { metaWhatsAppProvider } from './meta-whatsapp/meta-whatsapp.provider';
import { ProviderDescriptor, ProviderServices, SharedSetting } from './provider-descriptor';
import { ChannelRoutes, channelRoutesSetting } from './routing/channel-routes';
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

/**
 * Which providers serve each channel and whether they are on, decided from the settings alone (no I/O). A channel
 * with several (SMS_PROVIDERS=dlt,twilio) has one selection each, in order of preference.
 */
export interface ChannelPlan {
  selections: ChannelSelection[];
  routes: ChannelRoutes;
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
/** SMS_PROVIDERS, WHATSAPP_PROVIDERS: several providers of one channel, in order of preference (failover). */
export const listSetting = (channel: ChannelName): string => `${selectorSetting(channel)}S`;

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
    shape[listSetting(channel)] = z
      .string()
      .transform((list) => list.split(',').map((name) => name.trim()))
      .pipe(
        z
          .array(z.enum(names))
          .min(1)
          .refine((list) => new Set(list).size === list.length, 'names a provider twice'),
      )
      .optional();
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
  const selected = parseSettings(selectorSettings(providers), env) as Record<string, string | string[] | undefined>;
  const settings = new Map(providers.map((p) => [p, parseSettings(p.settings, env)]));
  const shared: Record<SharedSetting, string | undefined> = { PUBLIC_BASE_URL: config.PUBLIC_BASE_URL };
  const selections = CHANNEL_NAMES.flatMap((channel): ChannelSelection[] => {
    const candidates = serving(providers, channel);
    const names = candidates.length > 1 ? chosenProviders(channel, selected, env) : candidates.map((p) => p.provider);
    return names.map((name) => {
      const provider = candidates.find((p) => p.provider === name)!;
      const missing = absentSettings(provider, channel, settings.get(provider)!, shared);
      const on = provider.switchedOn ? provider.switchedOn(config) : missing.length === 0;
      return { channel, provider, missing, on };
    });
  });
  const routes = parseSettings(z.object({ CHANNEL_ROUTES: channelRoutesSetting }), env).CHANNEL_ROUTES ?? {};
  checkRoutes(routes, selections, settings);
  return { selections, routes, settings, publicBaseUrl: config.PUBLIC_BASE_URL };
}

/** <CHANNEL>_PROVIDERS when set (a <CHANNEL>_PROVIDER beside it must agree with its first), else <CHANNEL>_PROVIDER. */
function chosenProviders(
  channel: ChannelName,
  selected: Record<string, unknown>,
  env: Record<string, string>,
): string[] {
  const list = selected[listSetting(channel)] as string[] | undefined;
  const one = selected[selectorSetting(channel)] as string;
  if (!list) return [one];
  if (env[selectorSetting(channel)] !== undefined && list[0] !== one) {
    throw new ConfigError(
      `Invalid setting ${selectorSetting(channel)}: ${one} contradicts ${listSetting(channel)}=${list.join(',')} (set one of them)`,
    );
  }
  return list;
}

/** Every route must name a provider the channel lists or one of their lines; the jurisdiction codes are data. */
function checkRoutes(
  routes: ChannelRoutes,
  selections: ChannelSelection[],
  settings: ReadonlyMap<ProviderDescriptor, Record<string, unknown>>,
): void {
  for (const [channel, byCode] of Object.entries(routes) as [ChannelName, Record<string, string>][]) {
    const names = selections
      .filter((s) => s.channel === channel)
      .flatMap((s) => [s.provider.provider, ...(s.provider.lines?.(settings.get(s.provider)!, channel) ?? [])]);
    for (const [code, target] of Object.entries(byCode)) {
      if (!names.includes(target)) {
        const known = names.length ? `not one of ${names.join(', ')}` : `but no provider serves ${channel}`;
        throw new ConfigError(`Invalid setting CHANNEL_ROUTES: ${channel}.${code} is "${target}", ${known}`);
      }
    }
  }
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
    const served = plan.selections.filter((s) => s.channel === channel);
    if (!served.length) return `channel ${channel} has no provider`;
    const selection = served.find((s) => s.provider === provider);
    if (!selection) {
      const chosen = served.map((s) => s.provider.provider).join(',');
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
  // By channel, then in the channel's order of preference; a provider's lines keep their own order (stable sort).
  const rank = (a: ChannelAdapter) =>
    plan.selections.findIndex((s) => s.channel === a.channel && s.provider.provider === a.capabilities.provider);
  adapters.sort((a, b) => rank(a) - rank(b));
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
  const addresses: Partial<Record<ChannelName, string>> = {};
  const seen = new Set<ChannelName>();
  // Only the preferred provider's: the address citizens are told to write to.
  for (const { channel, provider } of plan.selections) {
    if (seen.has(channel)) continue;
    seen.add(channel);
    const address = provider.address?.(plan.settings.get(provider)!, channel);
    if (address) addresses[channel] = address;
  }
  return addresses;
}
