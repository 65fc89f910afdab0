import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { caseForOfficer } from '../../domain/case-view';
import { MuteSenderCommand } from './mute-sender.command';

@CommandHandler(MuteSenderCommand)
export class MuteSenderHandler implements ICommandHandler<MuteSenderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, reason }: MuteSenderCommand): Promise<{ id: string; muted: true }> {
    return this.dataSource.transaction(async (m) => {
      const row = await caseForOfficer(m, officer, caseId);
      const added = await m.query<unknown[]>(
        `INSERT INTO inbox_mute (sender_key, node_id, muted_by, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [row.sender_key, row.node_id, officer.id, reason],
      );
      if (added.length) {
        await this.audit.record(m, {
          chainId: `inbox-case:${row.id}`,
          type: 'inbox.sender_muted',
          actor: officerActor(officer),
          jurisdictionPath: row.jurisdiction_path,
          subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
          body: { reason },
        });
      }
      return { id: row.id, muted: true as const };
    });
  }
}
