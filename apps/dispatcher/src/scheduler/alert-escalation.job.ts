import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EscalateAlertsCommand } from '@jansetu/alerts';
import { PeriodicJob } from './periodic-job';

/** Escalates urgent-case alerts nobody acknowledged (station → subdivision → district); each one is audited. */
@Injectable()
export class AlertEscalationJob extends PeriodicJob {
  constructor(private readonly commands: CommandBus) {
    super(5_000, 'alert escalation');
  }

  protected async runOnce(): Promise<void> {
    const { escalated } = await this.commands.execute(new EscalateAlertsCommand());
    if (escalated) this.logger.warn(`${escalated} urgent case alert(s) unacknowledged: escalated one level up`);
  }
}
