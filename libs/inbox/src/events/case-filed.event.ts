import { DomainEvent } from '@jansetu/platform';

/**
 * A citizen's message was filed as a case. The rumours context reads forwarded-looking texts and rumour reports
 * from it (clusters, and the answer to "is this genuine?"). The text travels sealed under the sender's data key;
 * the reply route is a contact point id or the sealed address; nothing in it names the sender.
 */
export class CaseFiled extends DomainEvent {
  constructor(
    readonly messageId: string,
    readonly caseId: string,
    /** The inbox the case was filed in. */
    readonly jurisdictionPath: string,
    readonly label: string,
    readonly anonymous: boolean,
    readonly channel: string,
    readonly textSealed: string,
    /** Null for someone JanSetu keeps nothing about, and for anonymous cases. */
    readonly citizenId: string | null,
    readonly replyTo: { contactPointId: string } | { channel: string; toSealed: string },
    readonly receivedAt: string,
    /** An emergency: the alerts context tells the station's alert contacts. */
    readonly urgent: boolean = false,
    readonly caseNumber: number = 0,
    readonly pseudonym: string = '',
  ) {
    super();
  }

  /** The case id: opaque, and the same for every redelivery. */
  get aggregateId(): string {
    return this.caseId;
  }
}
