import { OfficerPrincipal, Role } from '@jansetu/identity';
import { DomainError, ForbiddenError, ValidationError } from '@jansetu/platform';

/** Requests one officer may make per day: a reveal is an exception, not a search tool. */
export const REVEAL_REQUESTS_PER_DAY = 3;
/** The approver has this long to decide; after it the request expires unanswered. */
export const REVEAL_APPROVAL_HOURS = 24;
/** The requester may view an approved identity for this long; then the opened link is destroyed. */
export const REVEAL_VIEW_HOURS = 24;

export const REVEAL_REQUEST_ROLES: Role[] = ['district_admin', 'hq_admin'];

/**
 * A case or FIR number the reason must cite: "FIR 45/25", "FIR No. 123/2025", "Case 1042", "केस 1042",
 * "कांड सं. 45/25", "प्राथमिकी 12/2026". An FIR is number/year; a JanSetu case is its case number.
 */
const REFERENCE =
  /(?:\bFIR|प्राथमिकी|एफ़?आईआर|कांड)\s*(?:no\.?|सं\.?|संख्या)?\s*[:#]?\s*(\d{1,6}\s*\/\s*(?:\d{2}|\d{4}))(?!\d)|(?:\bcase|केस)\s*(?:no\.?|सं\.?|संख्या)?\s*[:#]?\s*(\d{3,12})(?![\d/])/iu;

export class RevealRateLimitedError extends DomainError {
  constructor() {
    super(
      'reveal_rate_limited',
      `at most ${REVEAL_REQUESTS_PER_DAY} reveal requests a day / एक दिन में अधिकतम ${REVEAL_REQUESTS_PER_DAY} पहचान अनुरोध`,
      429,
    );
  }
}

export class RevealStateError extends DomainError {
  constructor(reason: string) {
    super('reveal_state', reason, 409);
  }
}

/**
 * The reason of a reveal request, trimmed, and the case or FIR number it cites. For a JanSetu case number the
 * number must be the case's own: a reason cannot borrow another case's.
 */
export function revealRequestReason(reason: string, caseNumber: number): { reason: string; reference: string } {
  const why = reason?.trim() ?? '';
  const m = REFERENCE.exec(why);
  if (why.length < 10 || !m) {
    throw new ValidationError(
      'the reason must cite an FIR (e.g. "FIR 45/25") or this case number / कारण में FIR संख्या (जैसे "FIR 45/25") या केस संख्या लिखें',
    );
  }
  if (m[2] && Number(m[2]) !== caseNumber) {
    throw new ValidationError(`the reason cites another case number / कारण में किसी और केस की संख्या है`);
  }
  return { reason: why, reference: m[0].replace(/\s+/g, ' ') };
}

export function assertMayRequest(officer: OfficerPrincipal): void {
  if (!REVEAL_REQUEST_ROLES.includes(officer.role)) {
    throw new ForbiddenError(
      'only a district or HQ admin may ask to reveal an identity / पहचान का अनुरोध केवल जिला/मुख्यालय एडमिन कर सकते हैं',
    );
  }
}

/**
 * Who decides a request: a distinct officer above the requester. An HQ admin (the whole state) decides a district
 * admin's request; another HQ admin decides an HQ admin's; an officer whose jurisdiction strictly contains the
 * requester's would, were lower ranks ever allowed to ask. Nobody decides their own.
 */
export function assertMayDecide(
  approver: OfficerPrincipal,
  requester: { id: string; role: Role; path: string | null },
): void {
  if (approver.id === requester.id) {
    throw new ForbiddenError('a second officer must decide / अनुरोधकर्ता स्वयं स्वीकृति नहीं दे सकता');
  }
  if (!REVEAL_REQUEST_ROLES.includes(approver.role)) {
    throw new ForbiddenError('only an SP or HQ admin decides a reveal / रिवील का निर्णय केवल SP/मुख्यालय');
  }
  const above = approver.jurisdictionPath;
  const stateWide = approver.role === 'hq_admin' && above === null;
  const strictlyAbove =
    above !== null && requester.path !== null && requester.path !== above && requester.path.startsWith(above);
  if (!stateWide && !strictlyAbove) {
    throw new ForbiddenError(
      'the approver must be above the requester / स्वीकृति देने वाला अधिकारी अनुरोधकर्ता से ऊपर होना चाहिए',
    );
  }
}

/** Whether the officer may decide the request (assertMayDecide without the reason): the approver's queue. */
export function mayDecide(approver: OfficerPrincipal, requester: { id: string; role: Role; path: string | null }) {
  try {
    assertMayDecide(approver, requester);
    return true;
  } catch {
    return false;
  }
}
