import { z } from 'zod';
import { defineProvider } from '../provider-descriptor';
import { SimulatorAdapter } from './simulator.adapter';

export const simulatorSettings = z.object({
  SIMULATOR_RATE: z.coerce.number().positive().default(1000),
});

export type SimulatorSettings = z.output<typeof simulatorSettings>;

/** The local channel for evaluation and tests, on by CHANNEL_SIMULATOR (by default in embedded mode). */
export const simulatorProvider = defineProvider({
  provider: 'simulator',
  channels: ['simulator'],
  settings: simulatorSettings,
  requires: {},
  switchedOn: (central) => central.CHANNEL_SIMULATOR,
  // Citizens are played by POST /webhooks/simulator, a controller of the gateway's own.
  create: ({ settings, services }) => ({
    adapters: [new SimulatorAdapter(services.dataSource, services.blindIndex, settings)],
    webhooks: [],
  }),
});
