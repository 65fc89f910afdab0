export * from './domain/jurisdiction-row';
export * from './domain/jurisdiction-lookup';
export * from './commands/import-jurisdictions/import-jurisdictions.command';
export * from './queries/list-jurisdictions/list-jurisdictions.query';
export * from './jurisdiction.module';
