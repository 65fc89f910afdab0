import { Command } from '@nestjs/cqrs';

/** Sends what is pending of a broadcast; safe to run again (it only ever claims pending deliveries). */
export class DispatchBroadcastCommand extends Command<{ sent: number; failed: number }> {
  constructor(readonly broadcastId: string) {
    super();
  }
}
