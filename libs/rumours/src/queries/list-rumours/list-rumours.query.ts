import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { RumourRow } from '../../persistence/rumour.repository';

/** Rumours of the officer's area and those above it that reach it, newest first. */
export class ListRumoursQuery extends Query<RumourRow[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly status: 'open' | 'closed' | null,
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}
