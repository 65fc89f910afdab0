import { DomainEvent } from '@jansetu/platform';

/**
 * A citizen asked for erasure (ERASE / मिटाएं, DPDP Act 2023): membership has scrubbed their contact points and
 * memberships; every other context forgets its own links to them (inbox cases, queued deliveries).
 */
export class CitizenErased extends DomainEvent {
  constructor(
    readonly citizenId: string,
    readonly pseudonym: string,
  ) {
    super();
  }

  get aggregateId(): string {
    return this.citizenId;
  }
}
