import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { decideMoveToMain } from '../../domain/queue-correction';
import { CaseRepository } from '../../persistence/case.repository';
import { CaseMovedToMain, MoveCaseToMainCommand } from './move-case-to-main.command';

@CommandHandler(MoveCaseToMainCommand)
export class MoveCaseToMainHandler implements ICommandHandler<MoveCaseToMainCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, correctedLabel }: MoveCaseToMainCommand): Promise<CaseMovedToMain> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const correction = decideMoveToMain((await this.cases.filedAs(m, row.id))!, correctedLabel);
      await this.cases.refile(m, row.id, officer.id, correction);
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.case_moved_to_main',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number) },
        body: {
          originalLabel: correction.originalLabel,
          originalClassifiedBy: correction.originalClassifiedBy,
          originalConfidence: correction.originalConfidence,
          originalFilterReason: correction.originalFilterReason,
          correctedLabel: correction.correctedLabel,
        },
      });
      return {
        id: row.id,
        queue: 'main' as const,
        originalLabel: correction.originalLabel,
        correctedLabel: correction.correctedLabel,
      };
    });
  }
}
