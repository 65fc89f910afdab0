export * from './domain/audit-event';
export * from './domain/audit-recorder';
export * from './commands/project-audit-event/project-audit-event.command';
export * from './queries/search-audit-events/search-audit-events.query';
export * from './audit.module';
