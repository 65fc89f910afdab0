import { Command } from '@nestjs/cqrs';

/** Moves every emergency review nobody decided by its deadline one level up (dispatcher's scheduler runs it). */
export class EscalateOverdueReviewsCommand extends Command<{ escalated: number }> {
  constructor(readonly limit = 100) {
    super();
  }
}
