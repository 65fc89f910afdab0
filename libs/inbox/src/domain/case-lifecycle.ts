import { DomainError } from '@jansetu/platform';
import { CaseStatus } from './case-view';

export type CaseAction = 'acknowledge' | 'start' | 'close';

/**
 * new → acknowledged → in progress → closed; a case may be started or closed from any earlier step. Asking for the
 * status a case already has is allowed and changes nothing; a missing entry is refused.
 */
export const CASE_LIFECYCLE: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  new: { acknowledge: 'acknowledged', start: 'in_progress', close: 'closed' },
  acknowledged: { acknowledge: 'acknowledged', start: 'in_progress', close: 'closed' },
  in_progress: { start: 'in_progress', close: 'closed' },
  closed: { close: 'closed' },
};

export class InvalidCaseTransitionError extends DomainError {
  constructor(status: CaseStatus, action: CaseAction) {
    super('invalid_transition', `case is ${status}, cannot ${action} / केस ${status} है, यह बदलाव संभव नहीं`, 409);
  }
}

/** The status after an officer's action, and whether it changed; throws when the lifecycle forbids the move. */
export function transitionCase(status: CaseStatus, action: CaseAction): { status: CaseStatus; changed: boolean } {
  const next = CASE_LIFECYCLE[status][action];
  if (!next) throw new InvalidCaseTransitionError(status, action);
  return { status: next, changed: next !== status };
}

/** An officer's reply acknowledges a new case; any later status stays as it is. */
export function statusAfterReply(status: CaseStatus): CaseStatus {
  return status === 'new' ? 'acknowledged' : status;
}
