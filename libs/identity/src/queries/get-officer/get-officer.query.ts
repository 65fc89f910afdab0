import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';
import { OfficerView } from '../officer-view';

/** One officer's account; one the caller may not see answers as a missing one. `me` is the caller themselves. */
export class GetOfficerQuery extends Query<OfficerView> {
  constructor(
    readonly actor: OfficerPrincipal,
    readonly officerId: string,
  ) {
    super();
  }
}
