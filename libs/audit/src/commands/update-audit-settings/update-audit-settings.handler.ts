import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor } from '../../domain/audit-recorder';
import { AuditSettings } from '../../queries/get-audit-settings/get-audit-settings.query';
import { readAuditSettings } from '../../queries/get-audit-settings/get-audit-settings.handler';
import { UpdateAuditSettingsCommand } from './update-audit-settings.command';

/** Every change to retention and holds is one chain of its own. */
export const SETTINGS_CHAIN = 'audit:settings';
export const MIN_RETENTION_DAYS = 30;

@CommandHandler(UpdateAuditSettingsCommand)
export class UpdateAuditSettingsHandler implements ICommandHandler<UpdateAuditSettingsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ retentionDays, officer }: UpdateAuditSettingsCommand): Promise<AuditSettings> {
    if (retentionDays !== null && (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS)) {
      throw new ValidationError(
        `retentionDays must be a whole number of at least ${MIN_RETENTION_DAYS}, or null to keep every event`,
      );
    }
    return this.dataSource.transaction(async (m) => {
      const [before] = await m.query<{ retention_days: number | null }[]>(
        `SELECT retention_days FROM audit_settings FOR UPDATE`,
      );
      await m.query(`UPDATE audit_settings SET retention_days = $1, updated_at = now(), updated_by = $2`, [
        retentionDays,
        officer.id,
      ]);
      await this.audit.record(m, {
        chainId: SETTINGS_CHAIN,
        type: 'audit.settings_changed',
        actor: officerActor(officer),
        jurisdictionPath: null,
        subject: {},
        body: { retentionDays: { from: before.retention_days, to: retentionDays } },
      });
      return readAuditSettings(m);
    });
  }
}
