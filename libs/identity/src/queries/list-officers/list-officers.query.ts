import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';
import { Role } from '../../domain/role';
import { OfficerView } from '../officer-view';

export interface OfficerPage {
  total: number;
  limit: number;
  offset: number;
  items: OfficerView[];
}

/** The officers the caller may see (HQ: all; district admins and auditors: those posted in their jurisdiction). */
export class ListOfficersQuery extends Query<OfficerPage> {
  constructor(
    readonly actor: OfficerPrincipal,
    readonly filter: { text?: string; role?: Role; active?: boolean; limit: number; offset: number },
  ) {
    super();
  }
}
