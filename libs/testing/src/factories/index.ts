export * from './officer.factory';
export * from './jurisdiction.factory';
export * from './membership.factory';
