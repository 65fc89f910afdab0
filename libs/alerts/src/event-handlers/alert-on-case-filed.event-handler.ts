import { Inject } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import { CaseFiled } from '@jansetu/inbox';
import { APP_CONFIG, AppConfig, DomainEventHandler } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { AlertRepository } from '../persistence/alert.repository';
import { AlertSender } from '../persistence/alert-sender';

/** An urgent case: its station's alert contacts are told at once, and the alert escalates until acknowledged. */
@EventsHandler(CaseFiled)
export class AlertOnCaseFiled implements DomainEventHandler<CaseFiled> {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly sender: AlertSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: CaseFiled, m: EntityManager): Promise<void> {
    if (!event.urgent) return;
    const fresh = await this.alerts.insertAlert(m, {
      caseId: event.caseId,
      caseNumber: event.caseNumber,
      pseudonym: event.pseudonym,
      path: event.jurisdictionPath,
      escalateAfterSeconds: this.config.ALERT_ESCALATE_AFTER_SECONDS,
    });
    if (!fresh) return;
    await this.sender.sendAt(m, event.jurisdictionPath, { ...event, level: 0, casePath: event.jurisdictionPath });
  }
}
