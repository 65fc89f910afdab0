import { Command } from '@nestjs/cqrs';
import { AuditEvent } from '../../domain/audit-event';

/** Writes one event from jansetu.audit.v1 into the auditors' store; replays are no-ops. */
export class ProjectAuditEventCommand extends Command<{ stored: boolean }> {
  constructor(readonly event: AuditEvent) {
    super();
  }
}
