import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { MessageClass } from '../../domain/classifier';

export interface CaseMovedToMain {
  id: string;
  queue: 'main';
  originalLabel: MessageClass;
  correctedLabel: MessageClass | null;
}

/**
 * An officer moves a mis-filtered message to the main queue; the move is kept as a correction (the classifier's
 * label as it was, the officer's verdict) and audited.
 */
export class MoveCaseToMainCommand extends Command<CaseMovedToMain> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly correctedLabel: MessageClass | null,
  ) {
    super();
  }
}
