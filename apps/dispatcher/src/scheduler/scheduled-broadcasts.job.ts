import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StartDueBroadcastsCommand } from '@jansetu/broadcast';
import { PeriodicJob } from './periodic-job';

/** Starts scheduled broadcasts when their time comes, and wakes parked buckets when their next delivery is due. */
@Injectable()
export class ScheduledBroadcastsJob extends PeriodicJob {
  constructor(private readonly commands: CommandBus) {
    super(5_000, 'scheduler');
  }

  protected async runOnce(): Promise<void> {
    const { started, woken } = await this.commands.execute(new StartDueBroadcastsCommand());
    if (started) this.logger.log(`${started} scheduled broadcast(s) started`);
    if (woken) this.logger.log(`${woken} parked bucket(s) due again`);
  }
}
