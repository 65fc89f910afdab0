import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EscalateAlertsCommand } from '@jansetu/alerts';

const EVERY_MS = 5_000;

/**
 * Escalates urgent-case alerts nobody acknowledged (station → subdivision → district). Every dispatcher runs it;
 * SKIP LOCKED makes each escalation happen once, and each one is audited.
 */
@Injectable()
export class AlertEscalationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertEscalationJob.name);
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
        const { escalated } = await this.commands.execute(new EscalateAlertsCommand());
        if (escalated) this.logger.warn(`${escalated} urgent case alert(s) unacknowledged: escalated one level up`);
      } catch (e) {
        this.logger.warn(`alert escalation: ${(e as Error).message}`);
      }
      for (let waited = 0; waited < EVERY_MS && !this.stopping; waited += 250) await sleep(250);
    }
  }
}
