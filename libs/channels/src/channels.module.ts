import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@jansetu/platform';
import { ChannelAdapter, CHANNEL_ADAPTERS } from './channel-adapter.port';
import { ChannelRegistry } from './channel-registry';
import { ReceiveInboundMessageHandler } from './inbound/receive-inbound-message.handler';
import { SimulatorAdapter } from './simulator/simulator.adapter';

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
          provide: CHANNEL_ADAPTERS,
          inject: [SimulatorAdapter],
          useFactory: (simulator: SimulatorAdapter): ChannelAdapter[] => (config.CHANNEL_SIMULATOR ? [simulator] : []),
        },
        ChannelRegistry,
        ReceiveInboundMessageHandler,
      ],
      exports: [ChannelRegistry, SimulatorAdapter],
    };
  }
}
