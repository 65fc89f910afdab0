import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** Gives the case to an officer whose jurisdiction covers it. */
export class AssignCaseCommand extends Command<{ id: string; assignedOfficerId: string }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly assigneeId: string,
  ) {
    super();
  }
}
