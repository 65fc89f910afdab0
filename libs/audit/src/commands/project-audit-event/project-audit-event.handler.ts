import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ProjectAuditEventCommand } from './project-audit-event.command';

@CommandHandler(ProjectAuditEventCommand)
export class ProjectAuditEventHandler implements ICommandHandler<ProjectAuditEventCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ event: e }: ProjectAuditEventCommand): Promise<{ stored: boolean }> {
    // The store is append-only (a trigger refuses UPDATE/DELETE), so a replayed event is simply skipped.
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO audit_event (id, chain_id, chain_seq, type, occurred_at, actor_id, actor_role, jurisdiction_path,
                                event, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO NOTHING RETURNING 1`,
      [
        e.id,
        e.chainId,
        e.chainSeq,
        e.type,
        e.occurredAt,
        e.actor.officerId,
        e.actor.kind === 'system' ? 'system' : e.actor.role,
        e.jurisdictionPath,
        JSON.stringify(e),
        e.prevHash,
        e.hash,
      ],
    );
    return { stored: rows.length > 0 };
  }
}
