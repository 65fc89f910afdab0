import { DomainEvent } from '@jansetu/platform';

/**
 * A reply that names what it answers (`ref`, e.g. `inbox-reply:<id>` for an officer's answer to a case) was sent,
 * failed, or got a provider's receipt (delivered, read, failed). Raised by broadcast, which sends replies; the owner of
 * the ref (the inbox) shows the state to its officers.
 */
export class ReplyDeliveryChanged extends DomainEvent {
  constructor(
    readonly ref: string,
    readonly status: 'sent' | 'delivered' | 'read' | 'failed',
    readonly failure: string | null,
  ) {
    super();
  }

  get aggregateId(): string {
    return this.ref;
  }
}
