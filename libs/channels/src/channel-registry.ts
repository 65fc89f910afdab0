import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import {
  ChannelAdapter,
  CHANNEL_ADAPTERS,
  ChannelName,
  ChannelWebhook,
  CHANNEL_WEBHOOKS,
  OutboundMessage,
  routeName,
} from './channel-adapter.port';
import { ChannelRoutes, orderLines, RouteFacts, routesByJurisdiction } from './routing/channel-routes';
import { ChannelPlan, webhookOffReason } from './provider-registry';

/** The plan start-up decided (ChannelsModule), so an off route can say which setting keeps it off. */
export const CHANNEL_PLAN = Symbol('CHANNEL_PLAN');

export const CHANNEL_ROUTES = Symbol('CHANNEL_ROUTES');

/** The adapters switched on in this deployment, by channel, each channel's in order of preference. */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private readonly byChannel = new Map<ChannelName, ChannelAdapter[]>();
  private readonly byRoute: Map<string, ChannelWebhook>;

  constructor(
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    @Inject(CHANNEL_WEBHOOKS) webhooks: ChannelWebhook[],
    @Inject(CHANNEL_PLAN) private readonly plan: ChannelPlan,
    @Optional() @Inject(CHANNEL_ROUTES) private readonly routes: ChannelRoutes = {},
  ) {
    for (const a of adapters) this.byChannel.set(a.channel, [...(this.byChannel.get(a.channel) ?? []), a]);
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
    return [...this.byChannel.values()].flat();
  }

  onModuleInit(): void {
    const on = [...this.byChannel].map(([channel, list]) => {
      const names = list.map(routeName);
      return names.length > 1 ? `${channel} (${names.join(' → ')})` : channel;
    });
    new Logger('Channels').log(on.length ? `channels on: ${on.join(', ')}` : 'no channel is on: nothing can be sent');
  }

  /** The channel's preferred adapter (its first provider's default line). */
  get(channel: ChannelName): ChannelAdapter | undefined {
    return this.byChannel.get(channel)?.[0];
  }

  /**
   * Why a line of this channel would refuse the text (a DLT template mismatch), or null. Every line is asked, not
   * the first: routing by jurisdiction and failover can put any of them on a send's way (Twilio first, DLT behind).
   */
  checkText(channel: ChannelName, message: Pick<OutboundMessage, 'text' | 'dltTemplateId'>): string | null {
    for (const line of this.byChannel.get(channel) ?? []) {
      const reason = line.checkText?.(message);
      if (reason) return reason;
    }
    return null;
  }

  /** Why a line of this channel would refuse the template (not approved, no Content SID), or null; every line. */
  async checkTemplate(channel: ChannelName, template: { name: string; language: string }): Promise<string | null> {
    for (const line of this.byChannel.get(channel) ?? []) {
      const reason = (await line.checkTemplate?.(template)) ?? null;
      if (reason) return reason;
    }
    return null;
  }

  /** The adapters one send to this recipient tries, in order (CHANNEL_ROUTES, then failover); empty when off. */
  route(channel: ChannelName, facts?: RouteFacts): ChannelAdapter[] {
    return orderLines(this.byChannel.get(channel) ?? [], routeName, this.routes[channel], facts);
  }

  /** Whether routing on this channel depends on the recipient's jurisdiction. */
  routesByJurisdiction(channel: ChannelName): boolean {
    return (this.byChannel.get(channel)?.length ?? 0) > 1 && routesByJurisdiction(this.routes[channel]);
  }
}
