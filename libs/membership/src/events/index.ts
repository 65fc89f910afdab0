export * from './member-left.event';
export * from './citizen-stopped.event';
export * from './citizen-erased.event';
export * from './citizen-message-received.event';
export * from './verification-requested.event';
