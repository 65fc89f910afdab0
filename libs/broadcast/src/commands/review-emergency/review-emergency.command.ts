import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { ReviewVerdict } from '../../domain/approval-rules';

/**
 * The mandatory review of an emergency already sent: an officer above its scope (not the author) confirms it, or
 * records that it was not an emergency, with a reason. Recorded on the broadcast, audited, shown on its view.
 */
export class ReviewEmergencyCommand extends Command<{ verdict: ReviewVerdict }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly broadcastId: string,
    readonly verdict: ReviewVerdict,
    readonly note: string | null,
  ) {
    super();
  }
}
