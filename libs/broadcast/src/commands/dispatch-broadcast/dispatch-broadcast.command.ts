import { Command } from '@nestjs/cqrs';

/** Sends what is pending in one bucket of a broadcast; safe to run again (it only ever claims pending deliveries). */
export class DispatchBroadcastCommand extends Command<{ sent: number; failed: number; stoppedBecause?: string }> {
  constructor(
    readonly broadcastId: string,
    readonly bucket: number,
  ) {
    super();
  }
}
