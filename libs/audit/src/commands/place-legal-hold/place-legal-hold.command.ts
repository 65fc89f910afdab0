import { Command } from '@nestjs/cqrs';
import { ActingOfficer } from '../../domain/audit-recorder';

/** What a hold keeps; nothing named keeps everything. At most one may be given. */
export interface LegalHoldTarget {
  jurisdictionCode?: string;
  broadcastId?: string;
  chainId?: string;
  pseudonym?: string;
}

/** Keeps events from any purge until released (a court order, an inquiry); audited. */
export class PlaceLegalHoldCommand extends Command<{ id: string }> {
  constructor(
    readonly target: LegalHoldTarget,
    readonly reason: string,
    readonly officer: ActingOfficer,
  ) {
    super();
  }
}
