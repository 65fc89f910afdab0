import { DynamicModule, Logger, Module } from '@nestjs/common';
import { AppConfig, BlindIndex } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { CHANNEL_ADAPTERS, CHANNEL_WEBHOOKS } from './channel-adapter.port';
import { ChannelRegistry } from './channel-registry';
import { ReceiveInboundMessageHandler } from './inbound/receive-inbound-message.handler';
import { SimulatorAdapter } from './simulator/simulator.adapter';
import { ReceiveStatusReceiptHandler } from './status/receive-status-receipt.handler';
import { LocalSendPacer, RedisSendPacer, SEND_PACER } from './pacing/send-pacer';
import { buildChannels, Channels, planChannels } from './provider-registry';

const CHANNELS = Symbol('CHANNELS');

/** Adapters whose configuration is present are on; the rest are off and say so at start-up. */
@Module({})
export class ChannelsModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Decided here, synchronously, so a bad provider setting stops start-up before any provider is built.
    const plan = planChannels(config);
    return {
      module: ChannelsModule,
      global: true,
      providers: [
        {
          provide: CHANNELS,
          inject: [DataSource, BlindIndex],
          useFactory: (dataSource: DataSource, blindIndex: BlindIndex) =>
            buildChannels(plan, { dataSource, blindIndex }),
        },
        // The gateway's simulator controller plays citizens through it; null while CHANNEL_SIMULATOR is off.
        {
          provide: SimulatorAdapter,
          inject: [CHANNELS],
          useFactory: (c: Channels) => c.adapters.find((a) => a instanceof SimulatorAdapter) ?? null,
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
