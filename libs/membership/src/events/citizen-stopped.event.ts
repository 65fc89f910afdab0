import { DomainEvent } from '@jansetu/platform';

/** A citizen sent STOP: every group left, nothing more is to be sent until they join again. */
export class CitizenStopped extends DomainEvent {
  constructor(
    readonly citizenId: string,
    readonly groupIds: string[],
  ) {
    super();
  }

  get aggregateId(): string {
    return this.citizenId;
  }
}
