export * from './services';
export * from './app-process';
export * from './api-client';
export * from './database';
export * from './fakes/prism';
