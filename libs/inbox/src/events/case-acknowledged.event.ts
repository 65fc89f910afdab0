import { DomainEvent } from '@jansetu/platform';

/** A case left "new" (acknowledged, started or closed): someone has it. The alerts context stops escalating. */
export class CaseAcknowledged extends DomainEvent {
  constructor(
    readonly caseId: string,
    readonly status: string,
  ) {
    super();
  }

  get aggregateId(): string {
    return this.caseId;
  }
}
