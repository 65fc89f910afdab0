import { Command } from '@nestjs/cqrs';
import { AuditEvent } from '../../domain/audit-event';

/** Writes events from jansetu.audit.v1 into the auditors' store, in one statement; replays are no-ops. */
export class ProjectAuditEventCommand extends Command<{ stored: number }> {
  constructor(readonly events: AuditEvent[]) {
    super();
  }
}
