import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { mayManage } from '../../domain/alerts';
import { AlertRepository } from '../../persistence/alert.repository';
import { RemoveAlertContactCommand } from './remove-alert-contact.command';

@CommandHandler(RemoveAlertContactCommand)
export class RemoveAlertContactHandler implements ICommandHandler<RemoveAlertContactCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, id }: RemoveAlertContactCommand): Promise<{ removed: true }> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.alerts.findContact(m, id);
      if (!row || !mayManage(officer, row.jurisdictionPath)) throw new NotFoundError(`alert contact ${id}`);
      await this.alerts.removeContact(m, id);
      await this.audit.record(m, {
        chainId: `alert-contact:${row.id}`,
        type: 'alerts.contact_removed',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdictionPath,
        subject: { alertContactId: row.id },
        body: { channel: row.channel, addressMask: row.addressMask },
      });
      return { removed: true };
    });
  }
}
