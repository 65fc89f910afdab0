import { Command } from '@nestjs/cqrs';

/** Tries again the held replies that are due (the dispatcher's job, every few seconds). */
export class ReleaseHeldRepliesCommand extends Command<{ tried: number; sent: number }> {}
