import { DomainEvent } from '@jansetu/platform';

/**
 * A provider said the recipient of a send opted out (Twilio 21610, a Telegram block, a DLT DND verdict): the contact
 * point must get nothing more. Raised by whoever sent (broadcast); membership, which owns contact points, closes it.
 */
export class RecipientOptedOut extends DomainEvent {
  constructor(readonly contactPointId: string) {
    super();
  }

  get aggregateId(): string {
    return this.contactPointId;
  }
}
