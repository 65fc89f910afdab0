import { OfficerPrincipal } from './officer-principal';
import { Role } from './role';

/** An officer as the lifecycle rules see them. */
export interface ManagedOfficer {
  id: string;
  role: Role;
  jurisdictionPath: string | null;
}

/** Roles a district admin manages inside their district; everything above is HQ's. */
const DISTRICT_MANAGES: ReadonlySet<Role> = new Set<Role>(['subdivision_officer', 'station_officer']);

const within = (path: string | null, scope: string | null) =>
  scope === null || (path !== null && path.startsWith(scope));

/**
 * Who may see an officer's account: HQ everyone; a district admin and an auditor the officers posted in their
 * jurisdiction (a state auditor everyone). Others only themselves (through /me).
 */
export function canViewOfficer(actor: OfficerPrincipal, target: ManagedOfficer): boolean {
  if (actor.role === 'hq_admin') return true;
  if (actor.role === 'district_admin' || actor.role === 'auditor') {
    return within(target.jurisdictionPath, actor.jurisdictionPath);
  }
  return actor.id === target.id;
}

/**
 * Who may disable, enable, reset or transfer an officer: HQ anyone but themselves (an HQ admin cannot lock
 * themselves or the state out by accident); a district admin subdivision and station officers of their district.
 * Why not, or null when allowed.
 */
export function manageRefusal(actor: OfficerPrincipal, target: ManagedOfficer): string | null {
  if (actor.id === target.id) {
    return 'you cannot change your own posting or access / आप अपनी तैनाती या पहुँच स्वयं नहीं बदल सकते';
  }
  if (actor.role === 'hq_admin') return null;
  if (
    actor.role === 'district_admin' &&
    DISTRICT_MANAGES.has(target.role) &&
    within(target.jurisdictionPath, actor.jurisdictionPath)
  ) {
    return null;
  }
  return 'you may not manage this officer / आप इस अधिकारी का प्रबंधन नहीं कर सकते';
}

/** A transfer must also land where the actor may manage: a district admin keeps officers inside the district. */
export function transferRefusal(
  actor: OfficerPrincipal,
  target: ManagedOfficer,
  to: { role: Role; jurisdictionPath: string | null },
): string | null {
  return manageRefusal(actor, target) ?? manageRefusal(actor, { id: target.id, ...to });
}
