import { ActiveGroup } from '../persistence/membership.repository';

/** What LEAVE means for a citizen in these groups: leave one, or answer instead. */
export type LeaveDecision<G> =
  | { kind: 'leave'; group: G }
  | { kind: 'not-a-member' }
  | { kind: 'not-in-group'; code: string }
  | { kind: 'which-group'; groups: G[] };

/** LEAVE <code> leaves that group; LEAVE alone leaves the only group, or asks which one when there are several. */
export function decideLeave<G extends Pick<ActiveGroup, 'joinCode'>>(
  groups: G[],
  code: string | null,
): LeaveDecision<G> {
  if (code) {
    const group = groups.find((g) => g.joinCode === code);
    return group ? { kind: 'leave', group } : { kind: 'not-in-group', code };
  }
  if (groups.length === 1) return { kind: 'leave', group: groups[0] };
  if (!groups.length) return { kind: 'not-a-member' };
  return { kind: 'which-group', groups };
}
