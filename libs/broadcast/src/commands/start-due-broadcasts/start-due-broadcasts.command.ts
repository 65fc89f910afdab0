import { Command } from '@nestjs/cqrs';

/**
 * Starts scheduled broadcasts whose time has come, and queues again the buckets parked until their next delivery
 * was due (run by the dispatcher every few seconds).
 */
export class StartDueBroadcastsCommand extends Command<{ started: number; woken: number }> {}
