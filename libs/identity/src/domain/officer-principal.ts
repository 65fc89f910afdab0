import { ForbiddenError, NotFoundError } from '@jansetu/platform';
import { Role } from './role';

/** Who is calling, from a verified token. `jurisdictionPath` is null for state-wide officers. */
export interface OfficerPrincipal {
  id: string;
  username: string;
  role: Role;
  jurisdictionNodeId: string | null;
  jurisdictionPath: string | null;
  /** The session family of the token (absent for principals made in-process, e.g. by the CLI or tests). */
  sessionId?: string;
  /** Signed in with the password only, to enrol the second factor their role requires. */
  enrolmentPending?: boolean;
}

/** True when the node at `nodePath` lies in the officer's jurisdiction (their node or below it). */
export function coversNode(officer: OfficerPrincipal, nodePath: string): boolean {
  return officer.jurisdictionPath === null || nodePath.startsWith(officer.jurisdictionPath);
}

export function assertCovers(officer: OfficerPrincipal, nodePath: string, what: string): void {
  if (!coversNode(officer, nodePath)) {
    throw new ForbiddenError(`${what} is outside your jurisdiction / ${what} आपके क्षेत्राधिकार से बाहर है`);
  }
}

/**
 * For objects looked up by id: one outside the officer's jurisdiction answers exactly as a missing one (same 404,
 * same body), so probing ids tells nobody which exist elsewhere. `what` is the name the missing case uses.
 */
export function assertInReach(officer: OfficerPrincipal, nodePath: string, what: string): void {
  if (!coversNode(officer, nodePath)) throw new NotFoundError(what);
}
