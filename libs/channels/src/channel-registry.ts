import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ChannelAdapter, CHANNEL_ADAPTERS, ChannelName } from './channel-adapter.port';

/** The adapters switched on in this deployment, by channel. */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private readonly byChannel: Map<ChannelName, ChannelAdapter>;

  constructor(@Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[]) {
    this.byChannel = new Map(adapters.map((a) => [a.channel, a]));
  }

  onModuleInit(): void {
    const on = [...this.byChannel.keys()];
    new Logger('Channels').log(on.length ? `channels on: ${on.join(', ')}` : 'no channel is on: nothing can be sent');
  }

  get(channel: ChannelName): ChannelAdapter | undefined {
    return this.byChannel.get(channel);
  }
}
