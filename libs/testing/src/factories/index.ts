export * from './officer.factory';
export * from './jurisdiction.factory';
