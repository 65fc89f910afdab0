import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { ancestorPath, LAST_LEVEL } from '../../domain/alerts';
import { AlertRepository } from '../../persistence/alert.repository';
import { AlertSender } from '../../persistence/alert-sender';
import { EscalateAlertsCommand } from './escalate-alerts.command';

/**
 * Station → subdivision → district: an alert nobody acknowledged in ALERT_ESCALATE_AFTER_SECONDS goes to the
 * contacts one level up, audited on the case's chain. Each due row is locked (SKIP LOCKED) and moved once.
 */
@CommandHandler(EscalateAlertsCommand)
export class EscalateAlertsHandler implements ICommandHandler<EscalateAlertsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly sender: AlertSender,
    private readonly audit: AuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: EscalateAlertsCommand): Promise<{ escalated: number }> {
    return this.dataSource.transaction(async (m) => {
      const due = await this.alerts.lockDue(m, cmd.limit);
      for (const a of due) {
        const level = a.level + 1;
        const to = ancestorPath(a.jurisdictionPath, level);
        const sent = await this.sender.sendAt(m, to, { ...a, level, casePath: a.jurisdictionPath });
        const last = level >= LAST_LEVEL;
        await this.alerts.escalated(m, a.caseId, level, last, this.config.ALERT_ESCALATE_AFTER_SECONDS);
        await this.audit.record(m, {
          chainId: `inbox-case:${a.caseId}`,
          type: 'alerts.case_alert_escalated',
          actor: SYSTEM_ACTOR,
          jurisdictionPath: a.jurisdictionPath,
          subject: { tipId: a.caseId, caseNumber: a.caseNumber, pseudonym: a.pseudonym },
          body: { level, to, contacts: sent },
        });
      }
      return { escalated: due.length };
    });
  }
}
