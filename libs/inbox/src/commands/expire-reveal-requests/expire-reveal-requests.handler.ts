import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { RevealRepository } from '../../persistence/reveal.repository';
import { expiredEvent } from '../decide-reveal/decide-reveal.handler';
import { ExpireRevealRequestsCommand } from './expire-reveal-requests.command';

@CommandHandler(ExpireRevealRequestsCommand)
export class ExpireRevealRequestsHandler implements ICommandHandler<ExpireRevealRequestsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reveals: RevealRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(): Promise<{ expired: number }> {
    return this.dataSource.transaction(async (m) => {
      const expired = await this.reveals.expireOverdue(m);
      for (const e of expired) await this.audit.record(m, expiredEvent(e));
      return { expired: expired.length };
    });
  }
}
