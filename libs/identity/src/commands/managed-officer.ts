import { DomainError, ForbiddenError, NotFoundError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { canViewOfficer, manageRefusal } from '../domain/officer-management';
import { OfficerPrincipal } from '../domain/officer-principal';
import { Officer } from '../domain/officer.entity';
import { OfficerRepository } from '../persistence/officer.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The officer an admin acts on, locked for the change. One the actor may not see answers exactly as a missing one
 * (no probing for ids); one they may see but not manage is refused with the reason.
 */
export async function lockManagedOfficer(
  m: EntityManager,
  officers: OfficerRepository,
  actor: OfficerPrincipal,
  officerId: string,
): Promise<Officer> {
  const target = UUID.test(officerId) ? await officers.lockWithHash(m, officerId) : null;
  if (!target || !canViewOfficer(actor, target)) throw new NotFoundError(`officer ${officerId}`);
  const refusal = manageRefusal(actor, target);
  if (refusal) throw new ForbiddenError(refusal);
  return target;
}

export const samePasswordError = () =>
  new DomainError('invalid', 'the new password must differ from the old one / नया पासवर्ड पुराने से अलग हो', 400);
