import { Query } from '@nestjs/cqrs';

export interface GroupView {
  id: string;
  name: string;
  language: string;
  joinCode: string;
  status: string;
  jurisdictionCode: string;
  jurisdictionNameEn: string;
  jurisdictionNameHi: string;
  createdAt: string;
  closedAt: string | null;
  /**
   * Active members; each counted once, on the channel of the contact point deliveries go to ('unreachable' when a
   * provider closed every one of theirs).
   */
  members: number;
  membersByChannel: Record<string, number>;
  /** By the language each member chose (LANG HI / LANG EN); Hindi unless they chose. */
  membersByLanguage: Record<string, number>;
}

export interface ListGroupsFilter {
  /** Only groups on this node and below it (must lie within the officer's jurisdiction). */
  jurisdictionCode?: string;
  status?: 'open' | 'closed';
  limit?: number;
  offset?: number;
}

/** Groups in the officer's jurisdiction with member counts; never an address. */
export class ListGroupsQuery extends Query<GroupView[]> {
  constructor(
    readonly scopePath: string | null,
    readonly filter: ListGroupsFilter = {},
  ) {
    super();
  }
}
