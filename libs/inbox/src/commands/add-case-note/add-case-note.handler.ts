import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { sha256Hex } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { AddCaseNoteCommand, CaseNote } from './add-case-note.command';

@CommandHandler(AddCaseNoteCommand)
export class AddCaseNoteHandler implements ICommandHandler<AddCaseNoteCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, text }: AddCaseNoteCommand): Promise<CaseNote> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      const note = await this.cases.addNote(m, row.id, officer.id, text);
      // The note's words stay in the case; the log proves who wrote what, and when, by its hash.
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.case_note_added',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
        body: { contentSha256: sha256Hex(text), length: text.length },
      });
      return note;
    });
  }
}
