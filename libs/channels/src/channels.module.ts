import { DynamicModule, Logger, Module } from '@nestjs/common';
import { AppConfig, BlindIndex, Metrics } from '@jansetu/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { CHANNEL_ADAPTERS, CHANNEL_WEBHOOKS } from './channel-adapter.port';
import { CHANNEL_PLAN, CHANNEL_ROUTES, ChannelRegistry } from './channel-registry';
import { CircuitBreaker, CircuitBreakingAdapter, CircuitState } from './circuit/circuit-breaker';
import { ReceiveInboundMessageHandler } from './inbound/receive-inbound-message.handler';
import { SimulatorAdapter } from './simulator/simulator.adapter';
import { ReceiveStatusReceiptHandler } from './status/receive-status-receipt.handler';
import { LocalSendPacer, RedisSendPacer, SEND_PACER } from './pacing/send-pacer';
import { buildChannels, Channels, planChannels } from './provider-registry';

const CHANNELS = Symbol('CHANNELS');
const CIRCUIT_LEVEL: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Every provider's adapter behind a circuit breaker of its own; its state is the gauge jansetu_provider_circuit_state. */
function withCircuitBreakers(c: Channels, config: AppConfig, metrics: Metrics): CircuitBreakingAdapter[] {
  const gauge = new Gauge({
    name: 'jansetu_provider_circuit_state',
    help: "A provider's circuit breaker in this process: 0 closed, 1 half-open (probing), 2 open (sends held)",
    labelNames: ['provider', 'channel'] as const,
    registers: [metrics.registry],
    // Several gateway workers: the worst of their breakers (prom-client sums gauges across a cluster by default).
    aggregator: 'max',
  });
  const logger = new Logger('Channels');
  const options = { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, coolDownMs: config.CIRCUIT_COOLDOWN_MS };
  return c.adapters.map((adapter) => {
    const { provider, line } = adapter.capabilities;
    const labels = { provider: line ? `${provider}:${line}` : provider, channel: adapter.channel };
    gauge.set(labels, 0);
    const breaker = new CircuitBreaker(options, (state) => {
      gauge.set(labels, CIRCUIT_LEVEL[state]);
      logger.warn(`provider ${labels.provider} (${labels.channel}): circuit ${state}`);
    });
    return new CircuitBreakingAdapter(adapter, breaker, options.coolDownMs);
  });
}

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
        { provide: CHANNEL_PLAN, useValue: plan },
        {
          provide: CHANNELS,
          inject: [DataSource, BlindIndex, Metrics],
          useFactory: async (dataSource: DataSource, blindIndex: BlindIndex, metrics: Metrics) => {
            const channels = buildChannels(plan, { dataSource, blindIndex, metrics });
            await channels.start();
            return channels;
          },
        },
        // The gateway's simulator controller plays citizens through it; null while CHANNEL_SIMULATOR is off.
        {
          provide: SimulatorAdapter,
          inject: [CHANNELS],
          useFactory: (c: Channels) => c.adapters.find((a) => a instanceof SimulatorAdapter) ?? null,
        },
        {
          provide: CHANNEL_ADAPTERS,
          inject: [CHANNELS, Metrics],
          useFactory: (c: Channels, metrics: Metrics) => withCircuitBreakers(c, config, metrics),
        },
        { provide: CHANNEL_WEBHOOKS, inject: [CHANNELS], useFactory: (c: Channels) => c.webhooks },
        { provide: CHANNEL_ROUTES, useValue: plan.routes },
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
