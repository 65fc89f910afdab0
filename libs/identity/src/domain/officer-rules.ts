import { ValidationError } from '@jansetu/platform';
import { Role } from './role';

export const MIN_PASSWORD_LENGTH = 12;
/** Roles that act for the whole state and so may have no jurisdiction. */
export const STATE_WIDE_ROLES: ReadonlySet<Role> = new Set<Role>(['hq_admin', 'auditor']);

/** What a new officer must satisfy before anything is looked up or stored. */
export function assertValidNewOfficer(o: { password: string; role: Role; jurisdictionCode: string | null }): void {
  if (o.password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (!o.jurisdictionCode && !STATE_WIDE_ROLES.has(o.role)) {
    throw new ValidationError(`a ${o.role} must be bound to a jurisdiction`);
  }
}
