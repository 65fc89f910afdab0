import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor } from '../../domain/audit-recorder';
import { assertRetentionDays, SETTINGS_CHAIN } from '../../domain/legal-hold';
import { AuditSettingsRepository } from '../../persistence/audit-settings.repository';
import { AuditSettings } from '../../queries/get-audit-settings/get-audit-settings.query';
import { AuditSettingsReader } from '../../queries/get-audit-settings/audit-settings.reader';
import { UpdateAuditSettingsCommand } from './update-audit-settings.command';

@CommandHandler(UpdateAuditSettingsCommand)
export class UpdateAuditSettingsHandler implements ICommandHandler<UpdateAuditSettingsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    private readonly settings: AuditSettingsRepository = new AuditSettingsRepository(),
    private readonly reader: AuditSettingsReader = new AuditSettingsReader(),
  ) {}

  async execute({ retentionDays, officer }: UpdateAuditSettingsCommand): Promise<AuditSettings> {
    assertRetentionDays(retentionDays);
    return this.dataSource.transaction(async (m) => {
      const before = await this.settings.lockRetention(m);
      await this.settings.setRetention(m, retentionDays, officer.id);
      await this.audit.record(m, {
        chainId: SETTINGS_CHAIN,
        type: 'audit.settings_changed',
        actor: officerActor(officer),
        jurisdictionPath: null,
        subject: {},
        body: { retentionDays: { from: before, to: retentionDays } },
      });
      return this.reader.read(m);
    });
  }
}
