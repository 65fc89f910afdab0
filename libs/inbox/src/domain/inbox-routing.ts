import { words } from '@jansetu/platform';

/** A jurisdiction node that holds an inbox: a station, or a district or the state for those in no local group. */
export interface InboxNode {
  id: string;
  path: string;
  level: string;
}

/** A node one of the citizen's active groups hangs on, and when they joined that group. */
export interface MemberGroupNode extends InboxNode {
  joinedAt: Date | string;
}

export interface DistrictNode extends InboxNode {
  nameEn: string;
  nameHi: string;
}

const node = ({ id, path, level }: InboxNode): InboxNode => ({ id, path, level });
const time = (t: Date | string) => new Date(t).getTime();

/** The group a member's message is about: the most local one (the longest path), the latest joined among equals. */
export function mostLocalGroup(groups: MemberGroupNode[]): MemberGroupNode | undefined {
  return [...groups].sort((a, b) => b.path.length - a.path.length || time(b.joinedAt) - time(a.joinedAt))[0];
}

/**
 * A member's inbox: the nearest station at or above their group's node (a locality's station is its parent), or
 * the group's own node when no station is above it (a group on a subdivision, a district or the state).
 */
export function memberInbox(group: InboxNode, nodeAndAncestors: InboxNode[]): InboxNode {
  const station = nodeAndAncestors
    .filter((n) => n.level === 'station' && group.path.startsWith(n.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return node(station ?? group);
}

/**
 * Someone in no group: the first district (in the order given) whose English or Hindi name appears as words in
 * the message; names of two letters or fewer never match. Undefined sends the message to the state inbox.
 */
export function namedDistrict(text: string, districts: DistrictNode[]): InboxNode | undefined {
  const said = ` ${words(text).join(' ')} `;
  const named = districts.find((d) =>
    [d.nameEn, d.nameHi].some((name) => {
      const n = words(name).join(' ');
      return n.length > 2 && said.includes(` ${n}`);
    }),
  );
  return named && node(named);
}
