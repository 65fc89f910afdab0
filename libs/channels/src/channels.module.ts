import { DynamicModule, Logger, Module } from '@nestjs/common';
import { AppConfig } from '@jansetu/platform';
import { CHANNEL_ADAPTERS, CHANNEL_WEBHOOKS } from './channel-adapter.port';
import { buildChannels, Channels } from './channel-factory';
import { ChannelRegistry } from './channel-registry';
import { ReceiveInboundMessageHandler } from './inbound/receive-inbound-message.handler';
import { SimulatorAdapter } from './simulator/simulator.adapter';
import { ReceiveStatusReceiptHandler } from './status/receive-status-receipt.handler';
import { LocalSendPacer, RedisSendPacer, SEND_PACER } from './pacing/send-pacer';

const CHANNELS = Symbol('CHANNELS');

/** Adapters whose configuration is present are on; the rest are off and say so at start-up. */
@Module({})
export class ChannelsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ChannelsModule,
      global: true,
      providers: [
        SimulatorAdapter,
        {
          provide: CHANNELS,
          inject: [SimulatorAdapter],
          useFactory: (sim: SimulatorAdapter) => buildChannels(config, sim),
        },
        { provide: CHANNEL_ADAPTERS, inject: [CHANNELS], useFactory: (c: Channels) => c.adapters },
        { provide: CHANNEL_WEBHOOKS, inject: [CHANNELS], useFactory: (c: Channels) => c.webhooks },
        {
          provide: SEND_PACER,
          useFactory: () => {
            if (config.REDIS_URL) return new RedisSendPacer(config.REDIS_URL);
            if (config.mode === 'distributed') {
              new Logger('Channels').warn(
                'REDIS_URL is not set: provider rate limits hold per dispatcher process, not in total',
              );
            }
            return new LocalSendPacer();
          },
        },
        ChannelRegistry,
        ReceiveInboundMessageHandler,
        ReceiveStatusReceiptHandler,
      ],
      exports: [ChannelRegistry, SimulatorAdapter, SEND_PACER],
    };
  }
}
