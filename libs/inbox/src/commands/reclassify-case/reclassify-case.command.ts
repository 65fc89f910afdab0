import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { MessageClass } from '../../domain/classifier';

export interface CaseReclassified {
  id: string;
  queue: 'main' | 'filtered';
  originalLabel: MessageClass;
  correctedLabel: MessageClass;
}

/**
 * An officer re-files a case as what it really is (marked as spam: into the filtered queue; a tip that is a
 * complaint: re-labelled); kept as a correction beside the classifier's verdict, and audited.
 */
export class ReclassifyCaseCommand extends Command<CaseReclassified> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly label: MessageClass,
  ) {
    super();
  }
}
