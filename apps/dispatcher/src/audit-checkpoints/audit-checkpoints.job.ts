import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateAuditCheckpointCommand } from '@jansetu/audit';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';

/**
 * Signs every audit chain head every AUDIT_CHECKPOINT_EVERY_MINUTES (and once at start). Every dispatcher runs it;
 * the handler's advisory lock keeps one checkpoint per sequence, and a quiet log writes none.
 */
@Injectable()
export class AuditCheckpointsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointsJob.name);
  private stopping = false;
  private loop?: Promise<void>;

  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.AUDIT_SIGNING_KEY) {
      this.logger.warn('audit checkpoints are off: AUDIT_SIGNING_KEY is not set (the chains can be rewritten unseen)');
      return;
    }
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    const everyMs = this.config.AUDIT_CHECKPOINT_EVERY_MINUTES * 60_000;
    while (!this.stopping) {
      try {
        const r = await this.commands.execute(new CreateAuditCheckpointCommand());
        if (r.created) this.logger.log(`audit checkpoint ${r.sequence}: ${r.chains} chains, ${r.events} events`);
      } catch (e) {
        this.logger.warn(`audit checkpoint: ${(e as Error).message}`);
      }
      for (let waited = 0; waited < everyMs && !this.stopping; waited += 250) await sleep(250);
    }
  }
}
