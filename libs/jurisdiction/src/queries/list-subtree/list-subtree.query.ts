import { Query } from '@nestjs/cqrs';
import { Level } from '../../domain/jurisdiction-row';
import { JurisdictionView } from '../list-jurisdictions/list-jurisdictions.query';

/** A node and everything below it (optionally one level only, e.g. a district's stations), in tree order. */
export class ListSubtreeQuery extends Query<JurisdictionView[]> {
  constructor(
    readonly code: string,
    readonly scopePath: string | null,
    readonly level: Level | null = null,
    readonly limit = 5000,
  ) {
    super();
  }
}
