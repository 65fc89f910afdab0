export * from './domain/role';
export * from './domain/officer.entity';
export * from './domain/officer-principal';
export * from './auth/decorators';
export * from './commands/login/login.command';
export * from './commands/create-officer/create-officer.command';
export * from './identity.module';
