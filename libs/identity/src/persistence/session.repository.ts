import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface SessionRow {
  id: string;
  familyId: string;
  officerId: string;
  tokenHash: Buffer;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RevokeReason =
  'logout' | 'reuse_detected' | 'disabled' | 'transferred' | 'password_changed' | 'second_factor_reset';

/** The only code that reads or writes `officer_session` (refresh tokens, stored as SHA-256 hashes). */
@Injectable()
export class SessionRepository {
  async insert(
    m: EntityManager,
    s: { id: string; familyId: string; officerId: string; tokenHash: Buffer; ttlSeconds: number },
  ): Promise<void> {
    await m.query(
      `INSERT INTO officer_session (id, family_id, officer_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [s.id, s.familyId, s.officerId, s.tokenHash, s.ttlSeconds],
    );
  }

  /** The session row locked in this transaction, so two refreshes with one token cannot both rotate it. */
  async lock(m: EntityManager, id: string): Promise<SessionRow | null> {
    const rows = await m.query<
      {
        id: string;
        family_id: string;
        officer_id: string;
        token_hash: Buffer;
        expires_at: Date;
        rotated_at: Date | null;
        revoked_at: Date | null;
      }[]
    >(`SELECT * FROM officer_session WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length
      ? {
          id: rows[0].id,
          familyId: rows[0].family_id,
          officerId: rows[0].officer_id,
          tokenHash: rows[0].token_hash,
          expiresAt: rows[0].expires_at,
          rotatedAt: rows[0].rotated_at,
          revokedAt: rows[0].revoked_at,
        }
      : null;
  }

  async markRotated(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE officer_session SET rotated_at = now() WHERE id = $1`, [id]);
  }

  /** Revokes every token of the family; returns how many were still live (TypeORM answers an UPDATE as [rows, count]). */
  async revokeFamily(m: EntityManager, familyId: string, reason: RevokeReason): Promise<number> {
    const [, count] = await m.query<[unknown[], number]>(
      `UPDATE officer_session SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
    return count;
  }

  async revokeAllOf(m: EntityManager, officerId: string, reason: RevokeReason): Promise<number> {
    const [, count] = await m.query<[unknown[], number]>(
      `UPDATE officer_session SET revoked_at = now(), revoked_reason = $2 WHERE officer_id = $1 AND revoked_at IS NULL`,
      [officerId, reason],
    );
    return count;
  }
}
