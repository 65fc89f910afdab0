import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** The cases of every inbox under one station (or, for a state-wide officer, one district). */
export interface AreaCases {
  code: string;
  nameEn: string;
  nameHi: string;
  level: string;
  /** Main queue, not yet acknowledged. */
  new: number;
  /** Emergencies not closed, whatever queue. */
  urgentOpen: number;
  /** Main queue, not closed. */
  open: number;
  /** Median seconds from receipt to the first acknowledgement, over the last 30 days' acknowledged cases. */
  medianAckSeconds: number | null;
  acknowledgedLast30Days: number;
}

/** Response per station (per district state-wide) in the officer's jurisdiction, slowest first. */
export class SummariseCasesQuery extends Query<AreaCases[]> {
  constructor(readonly officer: OfficerPrincipal) {
    super();
  }
}
