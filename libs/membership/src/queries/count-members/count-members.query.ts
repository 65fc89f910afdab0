import { Query } from '@nestjs/cqrs';

/** A group's active members and how many joined since the window's start (and are still in). */
export interface GroupMembers {
  groupId: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionNameEn: string;
  jurisdictionNameHi: string;
  members: number;
  joined: number;
  /** Left since the window's start. */
  left: number;
}

/** The same for every group under one station (or, for a state-wide officer, one district). */
export interface AreaMembers {
  code: string;
  nameEn: string;
  nameHi: string;
  level: string;
  groups: number;
  members: number;
  joined: number;
  left: number;
}

export interface MemberCounts {
  /** Open groups of the jurisdiction, most members first (at most 50). */
  groups: GroupMembers[];
  byArea: AreaMembers[];
}

/** Members of the open groups in a jurisdiction (null: the whole state) and who joined or left since `since`. */
export class CountMembersQuery extends Query<MemberCounts> {
  constructor(
    readonly scopePath: string | null,
    readonly since: Date,
  ) {
    super();
  }
}
