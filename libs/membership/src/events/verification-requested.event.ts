import { DomainEvent } from '@jansetu/platform';
import { CitizenSender, SealedInboundMessage } from './citizen-message-received.event';

/**
 * A citizen sent VERIFY / सत्यापन with a code or a forwarded text. The rumours context answers; membership only
 * says who asked (a stored contact, or null for someone JanSetu keeps nothing about) and, for a member, the
 * jurisdiction of their most local group (where a rumour they forward is counted). The words after the keyword
 * are sealed under the sender's key like any citizen text.
 */
export class VerificationRequested extends DomainEvent {
  constructor(
    readonly messageId: string,
    readonly inbound: SealedInboundMessage,
    readonly sender: CitizenSender | null,
    readonly jurisdictionPath: string | null,
  ) {
    super();
  }

  get aggregateId(): string {
    return this.sender?.citizenId ?? this.messageId;
  }
}
