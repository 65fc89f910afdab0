import { InboundMessage } from '@jansetu/channels';
import { DomainEvent } from '@jansetu/platform';

/** The stored contact a message came from; never the address. */
export interface CitizenSender {
  citizenId: string;
  contactPointId: string;
  pseudonym: string;
}

/** An inbound message whose text is sealed like its address: the event sits in the outbox and on the bus. */
export type SealedInboundMessage = Omit<InboundMessage, 'text'> & { textSealed: string };

/**
 * A citizen wrote something that is no membership keyword: a tip, a concern, a question. The inbox files it.
 * `messageId` is the inbound bus message id, which the inbox dedupes on.
 */
export class CitizenMessageReceived extends DomainEvent {
  constructor(
    readonly messageId: string,
    readonly inbound: SealedInboundMessage,
    readonly sender: CitizenSender | null,
  ) {
    super();
  }

  /** An opaque id (the citizen's, or the message's for a stranger): the key is visible to anyone reading the topic. */
  get aggregateId(): string {
    return this.sender?.citizenId ?? this.messageId;
  }
}
