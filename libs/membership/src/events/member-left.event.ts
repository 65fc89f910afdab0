import { DomainEvent } from '@jansetu/platform';

/** A citizen left one group (LEAVE): what only that group brought them must not be sent any more. */
export class MemberLeft extends DomainEvent {
  constructor(
    readonly citizenId: string,
    readonly groupId: string,
  ) {
    super();
  }

  get aggregateId(): string {
    return this.citizenId;
  }
}
