import { Command } from '@nestjs/cqrs';

/** Moves every unacknowledged alert past its time one level up (the dispatcher's scheduler runs it). */
export class EscalateAlertsCommand extends Command<{ escalated: number }> {
  constructor(readonly limit = 100) {
    super();
  }
}
