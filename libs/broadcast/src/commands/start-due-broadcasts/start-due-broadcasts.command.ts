import { Command } from '@nestjs/cqrs';

/** Starts scheduled broadcasts whose time has come (run by the dispatcher every few seconds). */
export class StartDueBroadcastsCommand extends Command<{ started: number }> {}
