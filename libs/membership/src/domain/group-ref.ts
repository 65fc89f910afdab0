import { assertCovers, OfficerPrincipal } from '@jansetu/identity';
import { NotFoundError, ValidationError } from '@jansetu/platform';
import { EntityManager } from 'typeorm';

/** A group with the jurisdiction node it hangs on, as officers and join material need it. */
export interface GroupRef {
  id: string;
  name: string;
  language: 'hi' | 'en';
  joinCode: string;
  status: 'open' | 'closed';
  path: string;
  jurisdiction: { code: string; level: string; nameEn: string; nameHi: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads a group for an officer: 404 when there is none, 403 when it lies outside the officer's jurisdiction.
 * `lock` takes the row lock a change needs.
 */
export async function groupForOfficer(
  m: EntityManager,
  officer: OfficerPrincipal,
  groupId: string,
  lock = false,
): Promise<GroupRef> {
  if (!UUID.test(groupId)) throw new ValidationError('group id must be a UUID');
  const rows = await m.query<
    (Omit<GroupRef, 'jurisdiction'> & { code: string; level: string; nameEn: string; nameHi: string })[]
  >(
    `SELECT g.id, g.name, g.language, g.join_code AS "joinCode", g.status, n.path,
            n.code, n.level, n.name_en AS "nameEn", n.name_hi AS "nameHi"
       FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
      WHERE g.id = $1 ${lock ? 'FOR UPDATE OF g' : ''}`,
    [groupId],
  );
  if (!rows.length) throw new NotFoundError(`group ${groupId}`);
  const { code, level, nameEn, nameHi, ...group } = rows[0];
  assertCovers(officer, group.path, `group ${groupId}`);
  return { ...group, jurisdiction: { code, level, nameEn, nameHi } };
}
