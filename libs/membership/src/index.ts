export * from './domain/citizen-command';
export * from './domain/join-code';
export * from './domain/replies';
export * from './commands/create-group/create-group.command';
export * from './commands/handle-citizen-message/handle-citizen-message.command';
export * from './queries/list-groups/list-groups.query';
export * from './membership.module';
