import { Query } from '@nestjs/cqrs';
import { Level } from '../../domain/jurisdiction-row';

export interface JurisdictionView {
  id: string;
  code: string;
  parentCode: string | null;
  level: Level;
  nameEn: string;
  nameHi: string;
}

/** The children of a node (or the roots), limited to what the officer may see. */
export class ListJurisdictionsQuery extends Query<JurisdictionView[]> {
  constructor(
    readonly parentCode: string | null,
    readonly scopePath: string | null,
  ) {
    super();
  }
}
