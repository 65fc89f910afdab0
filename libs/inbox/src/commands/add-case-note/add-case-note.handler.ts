import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { caseForOfficer } from '../../domain/case-view';
import { AddCaseNoteCommand, CaseNote } from './add-case-note.command';

@CommandHandler(AddCaseNoteCommand)
export class AddCaseNoteHandler implements ICommandHandler<AddCaseNoteCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ officer, caseId, text }: AddCaseNoteCommand): Promise<CaseNote> {
    return this.dataSource.transaction(async (m) => {
      const row = await caseForOfficer(m, officer, caseId);
      const [note] = await m.query<CaseNote[]>(
        `WITH added AS (INSERT INTO inbox_note (case_id, officer_id, text) VALUES ($1, $2, $3)
                        RETURNING id, officer_id, text, created_at)
         SELECT a.id, a.officer_id AS "officerId", o.display_name AS "officerName", a.text, a.created_at AS "createdAt"
           FROM added a JOIN officer o ON o.id = a.officer_id`,
        [row.id, officer.id, text],
      );
      await m.query(`UPDATE inbox_case SET updated_at = now() WHERE id = $1`, [row.id]);
      return note;
    });
  }
}
