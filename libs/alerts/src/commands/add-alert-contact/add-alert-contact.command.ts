import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { AlertContactRow } from '../../persistence/alert.repository';

/** An officer's own messenger address that urgent cases of a node (default: the officer's own) are alerted to. */
export class AddAlertContactCommand extends Command<AlertContactRow> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly contact: { channel: string; address: string; label: string; jurisdictionCode: string | null },
  ) {
    super();
  }
}
