import { Command } from '@nestjs/cqrs';
import { ActingOfficer } from '../../domain/audit-recorder';
import { AuditSettings } from '../../queries/get-audit-settings/get-audit-settings.query';

/** Sets how long the auditors' store keeps events (null: for ever); the change is itself audited. */
export class UpdateAuditSettingsCommand extends Command<AuditSettings> {
  constructor(
    readonly retentionDays: number | null,
    readonly officer: ActingOfficer,
  ) {
    super();
  }
}
