import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { ProjectAuditEventCommand } from './project-audit-event.command';

@CommandHandler(ProjectAuditEventCommand)
export class ProjectAuditEventHandler implements ICommandHandler<ProjectAuditEventCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
  ) {}

  async execute({ events }: ProjectAuditEventCommand): Promise<{ stored: number }> {
    // The store is append-only (a trigger refuses UPDATE/DELETE), so a replayed event is simply skipped.
    return { stored: await this.events.store(this.dataSource, events) };
  }
}
