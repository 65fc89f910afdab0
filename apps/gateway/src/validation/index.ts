export * from './client-errors';
export * from './decorators';
export * from './hostile-input.pipe';
