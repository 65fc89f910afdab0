import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { BroadcastStatus } from '../../domain/broadcast';

/** An officer of the parent jurisdiction, not the author, approves or rejects (with a reason) a broadcast. */
export class DecideBroadcastCommand extends Command<{ status: BroadcastStatus }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly broadcastId: string,
    readonly decision: 'approve' | 'reject',
    readonly note: string | null,
  ) {
    super();
  }
}
