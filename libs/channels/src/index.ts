export * from './channel-adapter.port';
export * from './channel-registry';
export * from './simulator/simulator.adapter';
export * from './inbound/receive-inbound-message.command';
export * from './channels.module';
