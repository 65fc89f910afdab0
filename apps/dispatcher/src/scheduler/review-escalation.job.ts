import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EscalateOverdueReviewsCommand } from '@jansetu/broadcast';
import { PeriodicJob } from './periodic-job';

/**
 * Escalates emergency reviews nobody decided by their deadline (subdivision → district → HQ); the renewed deadline
 * makes each escalation happen once, and each one is audited.
 */
@Injectable()
export class ReviewEscalationJob extends PeriodicJob {
  constructor(private readonly commands: CommandBus) {
    super(30_000, 'review escalation');
  }

  protected async runOnce(): Promise<void> {
    const { escalated } = await this.commands.execute(new EscalateOverdueReviewsCommand());
    if (escalated) this.logger.warn(`${escalated} emergency review(s) overdue: escalated one level up`);
  }
}
