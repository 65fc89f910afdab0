import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { RumourRow } from '../../persistence/rumour.repository';

export interface RumourToMark {
  /** A sample of the rumour's text; from a cluster, its newest readable report when left out. */
  sample: string | null;
  clusterId: string | null;
  rebuttal: { hi: string; en?: string };
  /** Whose rumour it is to manage; null: the officer's own jurisdiction. */
  jurisdictionCode: string | null;
}

/** District admins (their district) and HQ mark rumours; a rebuttal is a public statement of the police. */
export class MarkRumourCommand extends Command<RumourRow> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly rumour: RumourToMark,
  ) {
    super();
  }
}
