import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { RumourRepository } from '../../persistence/rumour.repository';
import { CloseRumourCommand } from './close-rumour.command';

@CommandHandler(CloseRumourCommand)
export class CloseRumourHandler implements ICommandHandler<CloseRumourCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rumours: RumourRepository,
    private readonly audit: AuditRecorder,
  ) {}

  execute(cmd: CloseRumourCommand): Promise<{ id: string; status: 'closed' }> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.rumours.lock(m, cmd.id);
      const scope = cmd.officer.jurisdictionPath;
      // Only the rumour's own jurisdiction or above closes it; out of reach reads as absent.
      if (!row || (scope !== null && !(row.jurisdictionPath ?? '').startsWith(scope))) {
        throw new NotFoundError(`rumour ${cmd.id}`);
      }
      if (row.status === 'open') {
        await this.rumours.close(m, row.id, cmd.officer.id);
        await this.audit.record(m, {
          chainId: `rumour:${row.id}`,
          type: 'rumour.closed',
          actor: officerActor(cmd.officer),
          jurisdictionPath: row.jurisdictionPath,
          subject: { rumourId: row.id },
          body: {},
        });
      }
      return { id: row.id, status: 'closed' };
    });
  }
}
