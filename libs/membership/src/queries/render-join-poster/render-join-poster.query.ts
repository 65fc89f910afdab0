import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface JoinPoster {
  fileName: string;
  pdf: Buffer;
}

/** The printable A4 poster of a group in the officer's jurisdiction. */
export class RenderJoinPosterQuery extends Query<JoinPoster> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupId: string,
  ) {
    super();
  }
}
