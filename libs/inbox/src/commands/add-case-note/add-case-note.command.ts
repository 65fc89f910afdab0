import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface CaseNote {
  id: string;
  officerId: string;
  officerName: string;
  text: string;
  createdAt: string;
}

/** An internal note: seen by officers of the jurisdiction, never sent to the citizen. */
export class AddCaseNoteCommand extends Command<CaseNote> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly text: string,
  ) {
    super();
  }
}
