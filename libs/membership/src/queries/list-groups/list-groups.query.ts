import { Query } from '@nestjs/cqrs';

export interface GroupView {
  id: string;
  name: string;
  language: string;
  joinCode: string;
  status: string;
  jurisdictionCode: string;
  members: number;
  membersByChannel: Record<string, number>;
}

/** Groups in the officer's jurisdiction with member counts; never an address. */
export class ListGroupsQuery extends Query<GroupView[]> {
  constructor(readonly scopePath: string | null) {
    super();
  }
}
