import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { BroadcastStatus } from '../../domain/broadcast';

export type BroadcastControl = 'pause' | 'resume' | 'cancel';

/** Pause, resume or cancel a broadcast that is still going out; dispatchers notice before their next batch. */
export class ControlBroadcastCommand extends Command<{ status: BroadcastStatus; cancelledDeliveries: number }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly broadcastId: string,
    readonly action: BroadcastControl,
    readonly reason: string | null,
  ) {
    super();
  }
}
