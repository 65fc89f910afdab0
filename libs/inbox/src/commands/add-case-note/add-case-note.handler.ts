import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { CaseRepository } from '../../persistence/case.repository';
import { AddCaseNoteCommand, CaseNote } from './add-case-note.command';

@CommandHandler(AddCaseNoteCommand)
export class AddCaseNoteHandler implements ICommandHandler<AddCaseNoteCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async execute({ officer, caseId, text }: AddCaseNoteCommand): Promise<CaseNote> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      return this.cases.addNote(m, row.id, officer.id, text);
    });
  }
}
