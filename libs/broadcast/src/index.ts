export * from './domain/auto-reply';
export * from './domain/broadcast';
export * from './commands/create-broadcast/create-broadcast.command';
export * from './commands/dispatch-broadcast/dispatch-broadcast.command';
export * from './commands/send-reply/send-reply.command';
export * from './commands/record-delivery-status/record-delivery-status.command';
export * from './queries/get-broadcast/get-broadcast.query';
export * from './broadcast.module';
