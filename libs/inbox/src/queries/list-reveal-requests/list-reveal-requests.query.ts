import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { RevealReport } from '../list-reveals/list-reveals.query';

/** A reveal request as the officers of the two-person act see it: whether it is theirs, whether they decide it. */
export interface RevealRequestView extends RevealReport {
  mine: boolean;
  mayDecide: boolean;
}

/**
 * The caller's own reveal requests and those waiting for the caller's decision (a second, senior officer), on
 * cases within reach; optionally of one case. Newest first; never an address.
 */
export class ListRevealRequestsQuery extends Query<RevealRequestView[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string | null,
  ) {
    super();
  }
}
