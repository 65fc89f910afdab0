import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { decideReclassification } from '../../domain/queue-correction';
import { CaseRepository } from '../../persistence/case.repository';
import { CaseReclassified, ReclassifyCaseCommand } from './reclassify-case.command';

@CommandHandler(ReclassifyCaseCommand)
export class ReclassifyCaseHandler implements ICommandHandler<ReclassifyCaseCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, label }: ReclassifyCaseCommand): Promise<CaseReclassified> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const correction = decideReclassification((await this.cases.filedAs(m, row.id))!, label);
      await this.cases.refile(m, row.id, officer.id, correction);
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.case_reclassified',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number) },
        body: {
          originalLabel: correction.originalLabel,
          originalQueue: correction.originalQueue,
          originalClassifiedBy: correction.originalClassifiedBy,
          originalConfidence: correction.originalConfidence,
          correctedLabel: correction.correctedLabel,
          correctedQueue: correction.correctedQueue,
        },
      });
      return {
        id: row.id,
        queue: correction.correctedQueue,
        originalLabel: correction.originalLabel,
        correctedLabel: label,
      };
    });
  }
}
