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
  broadcast: { authorId: string; jurisdictionPath: string | null },
): void {
  if (broadcast.authorId === officer.id) {
    throw new ForbiddenError('the author cannot approve their own broadcast / लेखक स्वयं अनुमोदन नहीं कर सकता');
  }
  const own = officer.jurisdictionPath;
  const path = broadcast.jurisdictionPath;
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
