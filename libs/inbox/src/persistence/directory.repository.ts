import { Injectable } from '@nestjs/common';
import { Role } from '@jansetu/identity';
import { EntityManager } from 'typeorm';
import { Assignee } from '../domain/assignment-policy';
import { SenderContact } from '../domain/case-sender';
import { CaseAssignee } from '../queries/list-assignees/list-assignees.query';

/**
 * Read-only look-ups the inbox makes in other contexts' tables: a sender's contact point (membership) and an
 * officer a case is given to (identity). They move behind those contexts' queries once such queries exist.
 */
@Injectable()
export class DirectoryRepository {
  /** The stored citizen behind a sender's address (by blind index), if membership keeps one. */
  async senderByAddressHash(
    m: EntityManager,
    channel: string,
    addressHash: string,
  ): Promise<{ citizenId: string; contactPointId: string; pseudonym: string; language: string } | undefined> {
    const [sender] = await m.query<
      { citizenId: string; contactPointId: string; pseudonym: string; language: string }[]
    >(
      `SELECT cp.citizen_id AS "citizenId", cp.id AS "contactPointId", c.pseudonym, c.language
         FROM contact_point cp JOIN citizen c ON c.id = cp.citizen_id
        WHERE cp.channel = $1 AND cp.address_hash = $2`,
      [channel, addressHash],
    );
    return sender;
  }

  async contactPoint(m: EntityManager, contactPointId: string): Promise<SenderContact | undefined> {
    const [cp] = await m.query<SenderContact[]>(
      `SELECT cp.id AS "contactPointId", cp.channel, cp.address_ciphertext AS "addressSealed", cp.active,
              c.pseudonym AS "citizenPseudonym", c.language
         FROM contact_point cp JOIN citizen c ON c.id = cp.citizen_id WHERE cp.id = $1`,
      [contactPointId],
    );
    return cp;
  }

  async officer(m: EntityManager, officerId: string): Promise<Assignee | undefined> {
    const [officer] = await m.query<{ id: string; role: Role; active: boolean; path: string | null }[]>(
      `SELECT o.id, o.role, o.active, n.path FROM officer o LEFT JOIN jurisdiction_node n ON n.id = o.jurisdiction_node_id
        WHERE o.id = $1`,
      [officerId],
    );
    return officer;
  }

  /**
   * Active officers of these roles posted on the case's path (its station or above: they can open it) and within
   * `withinPath` ('' for all), nearest the case first.
   */
  async assignees(m: EntityManager, casePath: string, withinPath: string, roles: Role[]): Promise<CaseAssignee[]> {
    return m.query<CaseAssignee[]>(
      `SELECT o.id, o.username, o.display_name AS "displayName", o.role, n.code AS "jurisdictionCode"
         FROM officer o LEFT JOIN jurisdiction_node n ON n.id = o.jurisdiction_node_id
        WHERE o.active AND o.role = ANY($3)
          AND (n.path IS NULL OR $1 LIKE n.path || '%')
          AND coalesce(n.path, '') LIKE $2 || '%'
        ORDER BY length(coalesce(n.path, '')) DESC, o.display_name, o.id
        LIMIT 200`,
      [casePath, withinPath, roles],
    );
  }
}
