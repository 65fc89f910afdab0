import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** A member as an officer may see one: a pseudonym of the viewer's jurisdiction and a masked number, never the address. */
export interface MemberView {
  /** "N-…", scoped to the viewer's jurisdiction: another station sees another name for the same person. */
  pseudonym: string;
  /** "••••••••10": the last two digits of a number, nothing of a Telegram id; never enough to call or find one. */
  maskedAddress: string | null;
  /** The channel deliveries go to (the preferred contact point); null when every one was closed by a provider. */
  channel: string | null;
  /** Every channel the citizen linked. */
  channels: string[];
  language: string;
  joinedAt: string;
}

/** Active members of a group in the officer's jurisdiction, newest first. */
export class ListGroupMembersQuery extends Query<MemberView[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupId: string,
    readonly limit = 100,
    readonly offset = 0,
  ) {
    super();
  }
}
