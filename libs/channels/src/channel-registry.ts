import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ChannelAdapter,
  CHANNEL_ADAPTERS,
  ChannelName,
  ChannelWebhook,
  CHANNEL_WEBHOOKS,
} from './channel-adapter.port';
import { ChannelPlan, webhookOffReason } from './provider-registry';

/** The plan start-up decided (ChannelsModule), so an off route can say which setting keeps it off. */
export const CHANNEL_PLAN = Symbol('CHANNEL_PLAN');

/** The adapters switched on in this deployment, by channel. */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private readonly byChannel: Map<ChannelName, ChannelAdapter>;
  private readonly byRoute: Map<string, ChannelWebhook>;

  constructor(
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    @Inject(CHANNEL_WEBHOOKS) webhooks: ChannelWebhook[],
    @Inject(CHANNEL_PLAN) private readonly plan: ChannelPlan,
  ) {
    this.byChannel = new Map(adapters.map((a) => [a.channel, a]));
    this.byRoute = new Map(webhooks.map((w) => [w.route, w]));
  }

  /** The webhook behind a route key ('meta-whatsapp', 'twilio-sms', ...), when that provider is on. */
  webhook(route: string): ChannelWebhook | undefined {
    return this.byRoute.get(route);
  }

  /** Why the webhook behind a route is off: the provider another selector chose, or the settings it still needs. */
  whyOff(route: string): string {
    return webhookOffReason(this.plan, route);
  }

  /** Every adapter that is on. */
  all(): ChannelAdapter[] {
    return [...this.byChannel.values()];
  }

  onModuleInit(): void {
    const on = [...this.byChannel.keys()];
    new Logger('Channels').log(on.length ? `channels on: ${on.join(', ')}` : 'no channel is on: nothing can be sent');
  }

  get(channel: ChannelName): ChannelAdapter | undefined {
    return this.byChannel.get(channel);
  }
}
