import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import type { AlertContactRow } from '../../persistence/alert.repository';

/** The alert contacts in the officer's area, masked. */
export class ListAlertContactsQuery extends Query<AlertContactRow[]> {
  constructor(readonly officer: OfficerPrincipal) {
    super();
  }
}
