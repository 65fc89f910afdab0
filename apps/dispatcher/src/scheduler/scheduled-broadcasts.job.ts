import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { StartDueBroadcastsCommand } from '@jansetu/broadcast';

const EVERY_MS = 5000;

/** Starts scheduled broadcasts when their time comes; every dispatcher runs it, SKIP LOCKED keeps it single. */
@Injectable()
export class ScheduledBroadcastsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledBroadcastsJob.name);
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
        const { started } = await this.commands.execute(new StartDueBroadcastsCommand());
        if (started) this.logger.log(`${started} scheduled broadcast(s) started`);
      } catch (e) {
        this.logger.warn(`scheduler: ${(e as Error).message}`);
      }
      for (let waited = 0; waited < EVERY_MS && !this.stopping; waited += 250) await sleep(250);
    }
  }
}
