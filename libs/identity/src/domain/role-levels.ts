import { Level } from '@jansetu/jurisdiction';
import { ValidationError } from '@jansetu/platform';
import { Role } from './role';

/** Where an officer can be posted: `state` means no jurisdiction (or the state node itself). */
export type PostingLevel = Extract<Level, 'state' | 'district' | 'subdivision' | 'station'>;

/**
 * Which roles exist at which level of the tree (documented at /docs and in the README). An auditor audits the
 * whole state (HQ vigilance) or one district (the district's vigilance cell); never lower, because an auditor posted
 * at a subdivision or a station would audit their own colleagues, and the audit log shows who sent what by station.
 */
export const ROLE_LEVELS: Readonly<Record<Role, readonly PostingLevel[]>> = {
  hq_admin: ['state'],
  district_admin: ['district'],
  subdivision_officer: ['subdivision'],
  station_officer: ['station'],
  auditor: ['state', 'district'],
};

/** The level of a posting: null (no jurisdiction) is the state; a locality is no posting at all. */
export function postingLevel(nodeLevel: string | null): string {
  return nodeLevel ?? 'state';
}

/** Why this role cannot be posted at this level, or null when it can. */
export function roleLevelMismatch(role: Role, nodeLevel: string | null): string | null {
  const level = postingLevel(nodeLevel);
  const allowed = ROLE_LEVELS[role];
  if ((allowed as readonly string[]).includes(level)) return null;
  return (
    `a ${role} is posted at ${allowed.join(' or ')} level, not ${level} / ` +
    `${role} की तैनाती केवल ${allowed.join(' या ')} स्तर पर हो सकती है, ${level} पर नहीं`
  );
}

export function assertRoleFitsLevel(role: Role, nodeLevel: string | null): void {
  const reason = roleLevelMismatch(role, nodeLevel);
  if (reason) throw new ValidationError(reason);
}
