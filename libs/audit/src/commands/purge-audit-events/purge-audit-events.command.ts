import { Command } from '@nestjs/cqrs';
import { ActingOfficer } from '../../domain/audit-recorder';

export interface PurgeResult {
  purgedEvents: number;
  chains: number;
  /** The audit.purged events that record what went (one per batch of chains). */
  records: string[];
}

/**
 * Removes what retention allows: events older than the retention period and under no legal hold, only ever a whole
 * prefix of a chain. The only path by which anything leaves the auditors' store; audited (officer, or the system
 * when a scheduler runs it).
 */
export class PurgeAuditEventsCommand extends Command<PurgeResult> {
  constructor(readonly officer: ActingOfficer | null) {
    super();
  }
}
