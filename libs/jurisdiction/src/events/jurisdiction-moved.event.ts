import { DomainEvent } from '@jansetu/platform';

/**
 * A node moved to another parent (an import re-parented a village, a station or a subdivision): every path under
 * `oldPath` is now under `newPath`. Contexts that keep copies of paths (who may see a broadcast, a case, a legal
 * hold) rewrite their own. One key for the whole tree, so nested moves of one import arrive in order.
 */
export class JurisdictionMoved extends DomainEvent {
  constructor(
    readonly nodeId: string,
    readonly oldPath: string,
    readonly newPath: string,
  ) {
    super();
  }

  get aggregateId(): string {
    return 'jurisdiction-tree';
  }
}
