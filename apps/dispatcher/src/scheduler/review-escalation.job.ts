import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EscalateOverdueReviewsCommand } from '@jansetu/broadcast';

const EVERY_MS = 30_000;

/**
 * Escalates emergency reviews nobody decided by their deadline (subdivision → district → HQ). Every dispatcher
 * runs it; SKIP LOCKED and the renewed deadline make each escalation happen once, and each one is audited.
 */
@Injectable()
export class ReviewEscalationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReviewEscalationJob.name);
  private stopping = false;
  private loop?: Promise<void>;

  constructor(private readonly commands: CommandBus) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const { escalated } = await this.commands.execute(new EscalateOverdueReviewsCommand());
        if (escalated) this.logger.warn(`${escalated} emergency review(s) overdue: escalated one level up`);
      } catch (e) {
        this.logger.warn(`review escalation: ${(e as Error).message}`);
      }
      for (let waited = 0; waited < EVERY_MS && !this.stopping; waited += 250) await sleep(250);
    }
  }
}
