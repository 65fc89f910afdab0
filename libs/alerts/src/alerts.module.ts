import { Module } from '@nestjs/common';
import { ReplyQueue } from '@jansetu/broadcast';
import { JurisdictionLookupModule } from '@jansetu/jurisdiction';
import { AcknowledgeByReplyHandler } from './commands/acknowledge-by-reply/acknowledge-by-reply.handler';
import { AddAlertContactHandler } from './commands/add-alert-contact/add-alert-contact.handler';
import { EscalateAlertsHandler } from './commands/escalate-alerts/escalate-alerts.handler';
import { RemoveAlertContactHandler } from './commands/remove-alert-contact/remove-alert-contact.handler';
import { AlertOnCaseFiled } from './event-handlers/alert-on-case-filed.event-handler';
import { StopOnCaseAcknowledged } from './event-handlers/stop-on-case-acknowledged.event-handler';
import { AlertRepository } from './persistence/alert.repository';
import { AlertSender } from './persistence/alert-sender';
import { ListAlertContactsHandler } from './queries/list-alert-contacts/list-alert-contacts.handler';
import { ListOpenAlertsHandler } from './queries/list-open-alerts/list-open-alerts.handler';

export const AlertsHandlers = [
  AddAlertContactHandler,
  RemoveAlertContactHandler,
  ListAlertContactsHandler,
  ListOpenAlertsHandler,
  EscalateAlertsHandler,
  AcknowledgeByReplyHandler,
];

/** Alerts and escalation for urgent cases. Nothing imports it: it reacts to the inbox's events. */
@Module({
  imports: [JurisdictionLookupModule],
  providers: [ReplyQueue, AlertRepository, AlertSender, ...AlertsHandlers, AlertOnCaseFiled, StopOnCaseAcknowledged],
})
export class AlertsModule {}
