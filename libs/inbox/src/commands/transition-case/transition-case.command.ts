import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { CaseAction } from '../../domain/case-lifecycle';
import { CaseStatus } from '../../domain/case-view';

export type { CaseAction } from '../../domain/case-lifecycle';

/** new → acknowledged → in progress → closed; a case may be started or closed from any earlier step. */
export class TransitionCaseCommand extends Command<{ id: string; status: CaseStatus }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly action: CaseAction,
  ) {
    super();
  }
}
