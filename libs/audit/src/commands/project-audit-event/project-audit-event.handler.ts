import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storeAuditEvent } from '../../domain/audit-store';
import { ProjectAuditEventCommand } from './project-audit-event.command';

@CommandHandler(ProjectAuditEventCommand)
export class ProjectAuditEventHandler implements ICommandHandler<ProjectAuditEventCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ event }: ProjectAuditEventCommand): Promise<{ stored: boolean }> {
    // The store is append-only (a trigger refuses UPDATE/DELETE), so a replayed event is simply skipped.
    return { stored: await storeAuditEvent(this.dataSource, event) };
  }
}
