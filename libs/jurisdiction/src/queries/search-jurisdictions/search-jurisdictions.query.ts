import { Query } from '@nestjs/cqrs';
import { SearchHit } from '../../persistence/jurisdiction-node.repository';

export type JurisdictionSearchHit = SearchHit;

/** Nodes named (in Hindi or English) or coded like the text, within the officer's jurisdiction. */
export class SearchJurisdictionsQuery extends Query<JurisdictionSearchHit[]> {
  constructor(
    readonly text: string,
    readonly scopePath: string | null,
    readonly limit = 20,
  ) {
    super();
  }
}
