import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { MuteRepository } from '../../persistence/mute.repository';
import { MuteSenderCommand } from './mute-sender.command';

@CommandHandler(MuteSenderCommand)
export class MuteSenderHandler implements ICommandHandler<MuteSenderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly mutes: MuteRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, reason }: MuteSenderCommand): Promise<{ id: string; muted: true }> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      const added = await this.mutes.mute(m, {
        senderKey: row.sender_key,
        nodeId: row.node_id,
        mutedBy: officer.id,
        reason,
      });
      // Muting twice is audited once.
      if (added) {
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
