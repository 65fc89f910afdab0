import type { BlindIndex, Metrics } from '@jansetu/platform';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ChannelAdapter, ChannelName, ChannelWebhook } from './channel-adapter.port';

/** Settings every provider may need that are not its own; they stay in the central configuration. */
export type SharedSetting = 'PUBLIC_BASE_URL';

/** Platform services a provider may use: only the simulator does, to record what it "sends". */
export interface ProviderServices {
  dataSource: DataSource;
  blindIndex: BlindIndex;
  /** For a provider's own counters (the DLT adapter counts the texts it refuses for want of a template). */
  metrics?: Metrics;
}

/** What `create` is handed: the provider's own parsed settings and the channels it is on for, nothing else. */
export interface ProviderOptions<S> {
  settings: S;
  /** The channels selected for this provider whose required settings are all present. */
  channels: readonly ChannelName[];
  /** PUBLIC_BASE_URL: the address providers call, which Twilio's signatures cover. */
  publicBaseUrl?: string;
  services: ProviderServices;
}

export interface ProviderChannels {
  adapters: ChannelAdapter[];
  webhooks: ChannelWebhook[];
  /** Start-up I/O before the first send (the DLT provider loads its template register); awaited by the module. */
  start?(): Promise<void>;
}

/**
 * One provider folder's whole contract with the rest of JanSetu; the registry (provider-registry.ts) lists them.
 * A channel served by several providers is chosen with <CHANNEL>_PROVIDER (SMS_PROVIDER, WHATSAPP_PROVIDER), or
 * several are listed in order of preference with <CHANNEL>_PROVIDERS (SMS_PROVIDERS=dlt,twilio).
 */
export interface ProviderDescriptor<S extends z.ZodObject = z.ZodObject> {
  /** The name in SMS_PROVIDER / WHATSAPP_PROVIDER, logs and metrics: 'twilio', 'meta', 'telegram', 'dlt'... */
  readonly provider: string;
  readonly channels: readonly ChannelName[];
  /** The channels it serves when <CHANNEL>_PROVIDER is unset. */
  readonly defaultFor?: readonly ChannelName[];
  /** Its own environment variables, with their defaults; validated at start-up whether it is selected or not. */
  readonly settings: S;
  /** Per channel, the settings without which it is off; start-up names those that are absent. */
  readonly requires: Partial<Record<ChannelName, readonly (keyof z.output<S> | SharedSetting)[]>>;
  /**
   * Its webhook routes (the keys ChannelRegistry.webhook takes), each with the channels that switch it on: the route
   * is on while any of them is on. An off route names the setting that keeps it off.
   */
  readonly webhooks?: Readonly<Record<string, readonly ChannelName[]>>;
  /** For a provider turned on by a switch rather than credentials (the simulator); it reports nothing at start-up. */
  switchedOn?(central: { CHANNEL_SIMULATOR: boolean }): boolean;
  /** Where citizens write to on a channel, for join posters and links, when its settings name it. */
  address?(settings: z.output<S>, channel: ChannelName): string | undefined;
  /** The named lines besides its default one (WhatsApp numbers), which CHANNEL_ROUTES may send through. */
  lines?(settings: z.output<S>, channel: ChannelName): string[];
  create(options: ProviderOptions<z.output<S>>): ProviderChannels;
}

/** Types a descriptor against its own schema, so `requires`, `address` and `create` see its settings' real types. */
export function defineProvider<S extends z.ZodObject>(descriptor: ProviderDescriptor<S>): ProviderDescriptor<S> {
  return descriptor;
}
