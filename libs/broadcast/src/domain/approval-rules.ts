import { coversNode, OfficerPrincipal } from '@jansetu/identity';
import { DomainError, ForbiddenError, ValidationError } from '@jansetu/platform';

/** Levels whose broadcasts a station may send on its own, below the audience threshold. */
const SELF_APPROVED_LEVELS = ['station', 'locality'];

/**
 * Above the audience threshold, or beyond one station (or with no common jurisdiction at all), an officer of the
 * parent jurisdiction approves. `scopeLevel` is the level of the audience's deepest common node, if any.
 */
export function needsApproval(recipients: number, threshold: number, scopeLevel: string | undefined): boolean {
  return recipients > threshold || !scopeLevel || !SELF_APPROVED_LEVELS.includes(scopeLevel);
}

/** A rejection carries a reason the author can act on. */
export function assertDecisionExplained(decision: 'approve' | 'reject', note: string | null): void {
  if (decision === 'reject' && !note?.trim()) throw new ValidationError('a rejection needs a reason / कारण आवश्यक है');
}

/**
 * Who may decide: not the author, and only an officer whose jurisdiction strictly contains the broadcast's (the
 * parent level or above; a state-wide officer contains every jurisdiction).
 */
export function assertMayDecide(
  officer: Pick<OfficerPrincipal, 'id' | 'jurisdictionPath'>,
  broadcast: { authorId: string; jurisdictionPath: string | null; approvalPath?: string | null },
): void {
  if (broadcast.authorId === officer.id) {
    throw new ForbiddenError('the author cannot approve their own broadcast / लेखक स्वयं अनुमोदन नहीं कर सकता');
  }
  const own = officer.jurisdictionPath;
  // The scope raised to the station and to the author's level (approvalScope) when known; else the audience's node.
  const path = broadcast.approvalPath !== undefined ? broadcast.approvalPath : broadcast.jurisdictionPath;
  const above = own === null || (path !== null && path.startsWith(own) && path !== own);
  if (!above) {
    throw new ForbiddenError('only an officer of a parent jurisdiction may decide / केवल उच्च क्षेत्राधिकार के अधिकारी');
  }
}

/** A broadcast awaits a decision once: it needed approval and nobody has given it yet. */
export function assertAwaitsApproval(b: { needsApproval: boolean; approvedAt: Date | null; status: string }): void {
  if (!b.needsApproval || b.approvedAt) {
    throw new DomainError('not_pending', `this broadcast awaits no approval (it is ${b.status})`, 409);
  }
}

/** Officers see a broadcast of their jurisdiction; one without a jurisdiction (state-wide) only state-wide officers. */
export function mayView(officer: OfficerPrincipal, path: string | null): boolean {
  return path === null ? officer.jurisdictionPath === null : coversNode(officer, path);
}

/** Jurisdiction levels, from the top; a lower rank is a higher level. */
export const LEVEL_RANK: Record<string, number> = { state: 0, district: 1, subdivision: 2, station: 3, locality: 4 };

/**
 * The scope an approver must be strictly above: the audience's common node raised to its station (a locality
 * group is the station's own business, so a colleague at the same station is never "above" it), and never below
 * the author's own jurisdiction (a district officer's broadcast to one station goes to HQ, not to the SDPO).
 * `ancestors` are the nodes on the audience's path with their levels; null means state-wide.
 */
export function approvalScope(
  audiencePath: string | null,
  ancestors: { path: string; level: string }[],
  authorPath: string | null,
): string | null {
  if (audiencePath === null || authorPath === null) return null;
  const onPath = ancestors.filter((a) => audiencePath.startsWith(a.path)).sort((a, b) => b.path.length - a.path.length);
  const raised = onPath.find((a) => (LEVEL_RANK[a.level] ?? 99) <= LEVEL_RANK.station)?.path ?? null;
  if (raised === null) return null;
  // The shallower of the two: the author's jurisdiction contains the audience (assertCovers), or is inside it.
  return raised.startsWith(authorPath) ? authorPath : raised;
}

/** The next jurisdiction up a path (`/BR/PAT/SADAR/` → `/BR/PAT/`); the state level and above is HQ (null). */
export function parentPath(path: string | null): string | null {
  if (path === null) return null;
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 2 ? null : `/${parts.slice(0, -1).join('/')}/`;
}

/**
 * Who may send an emergency (sent at once, reviewed after): each operational role for audiences at its own level
 * and below, HQ for anything. Auditors never broadcast. `null` scope = state-wide or no common jurisdiction.
 * | role                | audience scopes allowed                           |
 * | ------------------- | ------------------------------------------------- |
 * | station_officer     | station, locality                                 |
 * | subdivision_officer | subdivision, station, locality                    |
 * | district_admin      | district, subdivision, station, locality          |
 * | hq_admin            | any, state-wide included                          |
 */
export const EMERGENCY_POLICY: Record<string, readonly (string | null)[]> = {
  station_officer: ['station', 'locality'],
  subdivision_officer: ['subdivision', 'station', 'locality'],
  district_admin: ['district', 'subdivision', 'station', 'locality'],
  hq_admin: ['state', 'district', 'subdivision', 'station', 'locality', null],
  auditor: [],
};

export function assertMayDeclareEmergency(role: string, scopeLevel: string | null): void {
  if (!(EMERGENCY_POLICY[role] ?? []).includes(scopeLevel)) {
    throw new ForbiddenError(
      `a ${role} may not send an emergency to a ${scopeLevel ?? 'state-wide'} audience; ask for approval instead / ` +
        'इस स्तर पर आपातकालीन प्रसारण की अनुमति नहीं है',
    );
  }
}

export type ReviewVerdict = 'emergency_confirmed' | 'not_emergency';

/** An emergency's review: only of an emergency, once, and "not an emergency" needs a reason the record keeps. */
export function assertReviewable(
  b: { category: string; reviewVerdict: string | null },
  verdict: ReviewVerdict,
  note: string | null,
): void {
  if (b.category !== 'emergency') {
    throw new DomainError('not_emergency', 'only an emergency is reviewed after sending / केवल आपातकालीन प्रसारण', 409);
  }
  if (b.reviewVerdict) {
    throw new DomainError('already_reviewed', `this emergency was reviewed already (${b.reviewVerdict})`, 409);
  }
  if (verdict === 'not_emergency' && !note?.trim()) {
    throw new ValidationError('"not an emergency" needs a reason / कारण आवश्यक है');
  }
}

/**
 * The per-officer rate limit: `recent` are the creation times of the officer's broadcasts inside the window.
 * Returns the seconds until the oldest leaves the window when the limit is reached, else null.
 */
export function rateLimitRetryAfter(recent: Date[], limit: number, windowSeconds: number, now: Date): number | null {
  const inWindow = recent.filter((t) => now.getTime() - t.getTime() < windowSeconds * 1000);
  if (inWindow.length < limit) return null;
  const oldest = Math.min(...inWindow.map((t) => t.getTime()));
  return Math.max(1, Math.ceil((oldest + windowSeconds * 1000 - now.getTime()) / 1000));
}
