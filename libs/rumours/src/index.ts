export * from './domain/verdict';
export * from './domain/answers';
export * from './commands/check-message/check-message.command';
export * from './commands/mark-rumour/mark-rumour.command';
export * from './commands/close-rumour/close-rumour.command';
export * from './queries/list-rumours/list-rumours.query';
export * from './queries/list-clusters/list-clusters.query';
export type { RumourRow } from './persistence/rumour.repository';
export * from './rumours.module';
