import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** A member as an officer may see one: a pseudonym and a masked number, never the address. */
export interface MemberView {
  pseudonym: string;
  /** "+91 98•••••210": enough to tell two members apart, never enough to call one. */
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
