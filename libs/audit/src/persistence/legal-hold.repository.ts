import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HeldTarget } from '../domain/legal-hold';
import { Queryable } from './audit-sql';

export interface LegalHoldRow extends HeldTarget {
  id: string;
  reason: string;
  placedBy: string;
  placedAt: string;
}

/** `audit_legal_hold`: what the purge must keep, placed and released by officers. */
@Injectable()
export class LegalHoldRepository {
  async place(m: EntityManager, target: HeldTarget, reason: string, placedBy: string): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO audit_legal_hold (jurisdiction_path, chain_id, pseudonym, reason, placed_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [target.jurisdictionPath, target.chainId, target.pseudonym, reason, placedBy],
    );
    return id;
  }

  /** Ends an active hold; what it held, or null when no active hold has that id. */
  async release(m: EntityManager, holdId: string, releasedBy: string, reason: string): Promise<HeldTarget | null> {
    const [released] = await m.query<HeldTarget[]>(
      `WITH x AS (
         UPDATE audit_legal_hold SET released_at = now(), released_by = $2, release_reason = $3
          WHERE id = $1 AND released_at IS NULL
         RETURNING jurisdiction_path, chain_id, pseudonym)
       SELECT jurisdiction_path AS "jurisdictionPath", chain_id AS "chainId", pseudonym FROM x`,
      [holdId, releasedBy, reason],
    );
    return released ?? null;
  }

  /** Active holds in the order they were placed. */
  listActive(q: Queryable): Promise<LegalHoldRow[]> {
    return q.query<LegalHoldRow[]>(
      `SELECT id, jurisdiction_path AS "jurisdictionPath", chain_id AS "chainId", pseudonym, reason,
              placed_by AS "placedBy", to_json(placed_at) #>> '{}' AS "placedAt"
         FROM audit_legal_hold WHERE released_at IS NULL ORDER BY placed_at, id`,
    );
  }

  /** A jurisdiction node moved: the paths this context keeps (who may see what) move with it. */
  async moveJurisdictionPaths(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(
      `UPDATE audit_legal_hold SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1)
        WHERE jurisdiction_path LIKE $1 || '%'`,
      [oldPath, newPath],
    );
  }
}
