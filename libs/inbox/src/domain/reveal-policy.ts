import { Role } from '@jansetu/identity';
import { ForbiddenError, ValidationError } from '@jansetu/platform';

export const REVEAL_ROLES: Role[] = ['district_admin', 'hq_admin'];
export const REVEAL_REASON_MIN = 10;

/**
 * Who may ask to reveal a sender, and why: a district or HQ admin, with a written reason of REVEAL_REASON_MIN
 * characters or more once trimmed. Returns the reason as it is audited. The role is checked first; whether the case
 * lies in the officer's jurisdiction is checked on the case itself.
 */
export function revealReason(role: Role, reason: string | null | undefined): string {
  if (!REVEAL_ROLES.includes(role)) {
    throw new ForbiddenError(
      'only a district or HQ admin may reveal an identity / पहचान केवल जिला/मुख्यालय एडमिन खोल सकते हैं',
    );
  }
  const why = reason?.trim() ?? '';
  if (why.length < REVEAL_REASON_MIN) {
    throw new ValidationError(`a written reason of ${REVEAL_REASON_MIN}+ characters is required / कारण लिखें`);
  }
  return why;
}
