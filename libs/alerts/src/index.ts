export * from './domain/alerts';
export * from './commands/add-alert-contact/add-alert-contact.command';
export * from './commands/remove-alert-contact/remove-alert-contact.command';
export * from './commands/escalate-alerts/escalate-alerts.command';
export * from './commands/acknowledge-by-reply/acknowledge-by-reply.command';
export * from './queries/list-alert-contacts/list-alert-contacts.query';
export * from './queries/list-open-alerts/list-open-alerts.query';
export type { AlertContactRow, OpenAlertRow } from './persistence/alert.repository';
export * from './alerts.module';
