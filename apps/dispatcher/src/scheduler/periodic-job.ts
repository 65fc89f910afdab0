import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A job every dispatcher runs every `everyMs` while it lives (the commands it runs lock their rows, SKIP LOCKED, so
 * several dispatchers do each piece of work once). A failing run is logged and tried again next time; shutdown waits
 * for the run in progress.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private stopping = false;
  private loop?: Promise<void>;

  protected constructor(
    private readonly everyMs: number,
    private readonly what: string,
  ) {}

  /** One run of the job. */
  protected abstract runOnce(): Promise<void>;

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
        await this.runOnce();
      } catch (e) {
        this.logger.warn(`${this.what}: ${(e as Error).message}`);
      }
      for (let waited = 0; waited < this.everyMs && !this.stopping; waited += 250) await sleep(250);
    }
  }
}
