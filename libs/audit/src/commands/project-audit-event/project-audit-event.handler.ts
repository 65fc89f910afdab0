import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storeAuditEvents } from '../../domain/audit-store';
import { ProjectAuditEventCommand } from './project-audit-event.command';

@CommandHandler(ProjectAuditEventCommand)
export class ProjectAuditEventHandler implements ICommandHandler<ProjectAuditEventCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ events }: ProjectAuditEventCommand): Promise<{ stored: number }> {
    // The store is append-only (a trigger refuses UPDATE/DELETE), so a replayed event is simply skipped.
    return { stored: await storeAuditEvents(this.dataSource, events) };
  }
}
