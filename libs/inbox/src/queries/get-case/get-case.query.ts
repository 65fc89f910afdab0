import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { CaseNote } from '../../commands/add-case-note/add-case-note.command';
import { CaseView } from '../../domain/case-view';

export interface CaseDetail extends CaseView {
  notes: CaseNote[];
}

export class GetCaseQuery extends Query<CaseDetail> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
  ) {
    super();
  }
}
