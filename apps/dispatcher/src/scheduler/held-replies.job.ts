import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReleaseHeldRepliesCommand } from '@jansetu/broadcast';
import { PeriodicJob } from './periodic-job';

/** Sends again the replies held while their provider was down (each at its own backoff, see HeldReplyRepository). */
@Injectable()
export class HeldRepliesJob extends PeriodicJob {
  constructor(private readonly commands: CommandBus) {
    super(5_000, 'held replies');
  }

  protected async runOnce(): Promise<void> {
    const { tried, sent } = await this.commands.execute(new ReleaseHeldRepliesCommand());
    if (tried) this.logger.log(`held replies: ${sent} of ${tried} sent`);
  }
}
