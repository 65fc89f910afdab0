import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { OpenAlertRow } from '../../persistence/alert.repository';

/** The urgent cases in the officer's area that were alerted and that nobody has acknowledged yet. */
export class ListOpenAlertsQuery extends Query<OpenAlertRow[]> {
  constructor(readonly officer: OfficerPrincipal) {
    super();
  }
}
