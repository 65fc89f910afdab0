import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CaseNote } from '../../commands/add-case-note/add-case-note.command';
import { CASE_COLUMNS, CaseView, caseForOfficer } from '../../domain/case-view';
import { CaseDetail, GetCaseQuery } from './get-case.query';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ officer, caseId }: GetCaseQuery): Promise<CaseDetail> {
    const m = this.dataSource.manager;
    await caseForOfficer(m, officer, caseId);
    const [view] = await m.query<CaseView[]>(
      `SELECT ${CASE_COLUMNS} FROM inbox_case c JOIN jurisdiction_node n ON n.id = c.node_id WHERE c.id = $1`,
      [caseId],
    );
    const notes = await m.query<CaseNote[]>(
      `SELECT i.id, i.officer_id AS "officerId", o.display_name AS "officerName", i.text, i.created_at AS "createdAt"
         FROM inbox_note i JOIN officer o ON o.id = i.officer_id WHERE i.case_id = $1 ORDER BY i.created_at, i.id`,
      [caseId],
    );
    return { ...view, notes };
  }
}
