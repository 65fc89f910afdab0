export * from './domain/jurisdiction-row';
export * from './domain/jurisdiction-node';
export * from './jurisdiction-lookup';
export * from './commands/import-jurisdictions/import-jurisdictions.command';
export { ImportJurisdictionsHandler } from './commands/import-jurisdictions/import-jurisdictions.handler';
export * from './queries/list-jurisdictions/list-jurisdictions.query';
export * from './queries/list-subtree/list-subtree.query';
export * from './jurisdiction.module';
export * from './events/jurisdiction-moved.event';
