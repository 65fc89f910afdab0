import { Command } from '@nestjs/cqrs';
import { ActingOfficer } from '../../domain/audit-recorder';

/** Ends a hold; what it kept becomes subject to retention again. Audited, with the reason. */
export class ReleaseLegalHoldCommand extends Command<void> {
  constructor(
    readonly holdId: string,
    readonly reason: string,
    readonly officer: ActingOfficer,
  ) {
    super();
  }
}
