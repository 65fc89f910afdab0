import { OperationalRoles, Role } from '@jansetu/identity';
import { NotFoundError, ValidationError } from '@jansetu/platform';

/** The officer a case would be given to, as the assignment rule needs them. */
export interface Assignee {
  id: string;
  role: Role;
  active: boolean;
  /** Null for an officer of the whole state (HQ). */
  path: string | null;
}

/**
 * A case goes only to an active officer who speaks for the police (not an auditor) and whose jurisdiction covers
 * it: the assignee must be able to open the case they are given.
 */
export function assertAssignable(assignee: Assignee | undefined, casePath: string): Assignee {
  if (!assignee?.active) throw new NotFoundError('officer / अधिकारी');
  if (!OperationalRoles.includes(assignee.role))
    throw new ValidationError('auditors take no cases / लेखा परीक्षक को केस नहीं');
  if (assignee.path !== null && !casePath.startsWith(assignee.path)) {
    throw new ValidationError("the case is outside that officer's jurisdiction / केस उस अधिकारी के क्षेत्र से बाहर है");
  }
  return assignee;
}
