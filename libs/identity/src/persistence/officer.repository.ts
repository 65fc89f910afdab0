import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Officer } from '../domain/officer.entity';
import { Role } from '../domain/role';

export interface NewOfficer {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  jurisdictionNodeId: string | null;
  jurisdictionPath?: string | null;
}

export interface OfficerSearch {
  /** Only officers posted at or under this path (null: all). */
  scopePath: string | null;
  /** Part of a username or display name, matched without case. */
  text?: string;
  role?: Role;
  active?: boolean;
  limit: number;
  offset: number;
}

/** What the session check needs to know about an officer, loaded once per cache period. */
export interface SessionState {
  active: boolean;
  sessionVersion: number;
  /** Session families revoked (logout, reuse) whose access tokens may still be alive. */
  revokedFamilies: string[];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The only code that reads or writes `officer`. */
@Injectable()
export class OfficerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async count(): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM officer`);
    return count;
  }

  existsByUsername(username: string): Promise<boolean> {
    return this.dataSource.getRepository(Officer).existsBy({ username });
  }

  /** An active officer with their password hash (which is never selected otherwise), or null. */
  async findActiveWithHash(username: string): Promise<Officer | null> {
    return this.dataSource
      .getRepository(Officer)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .where('o.username = :u AND o.active', { u: username })
      .getOne();
  }

  /** An officer locked with their TOTP secrets (sealed) and last accepted step. */
  lockWithSecondFactor(m: EntityManager, id: string): Promise<Officer | null> {
    return m
      .getRepository(Officer)
      .createQueryBuilder('o')
      .addSelect(['o.totpSecretSealed', 'o.totpPendingSealed', 'o.totpLastStep'])
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
  }

  async setPendingTotp(m: EntityManager, id: string, sealed: string): Promise<void> {
    await m.query(`UPDATE officer SET totp_pending_sealed = $2 WHERE id = $1`, [id, sealed]);
  }

  async enableTotp(m: EntityManager, id: string, step: number): Promise<void> {
    await m.query(
      `UPDATE officer SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL,
         totp_enabled_at = now(), totp_last_step = $2 WHERE id = $1`,
      [id, step],
    );
  }

  /** Forgets the second factor and its recovery codes; every session ends (the version moves on). */
  async clearSecondFactor(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE officer SET totp_secret_sealed = NULL, totp_pending_sealed = NULL, totp_enabled_at = NULL,
         totp_last_step = NULL, session_version = session_version + 1 WHERE id = $1`,
      [id],
    );
    await m.query(`DELETE FROM officer_recovery_code WHERE officer_id = $1`, [id]);
  }

  async acceptTotpStep(m: EntityManager, id: string, step: number): Promise<void> {
    await m.query(`UPDATE officer SET totp_last_step = $2 WHERE id = $1`, [id, step]);
  }

  async replaceRecoveryCodes(m: EntityManager, id: string, hashes: Buffer[]): Promise<void> {
    await m.query(`DELETE FROM officer_recovery_code WHERE officer_id = $1`, [id]);
    for (const h of hashes) {
      await m.query(`INSERT INTO officer_recovery_code (officer_id, code_hash) VALUES ($1, $2)`, [id, h]);
    }
  }

  /** Spends a recovery code; returns how many remain unused, or null when the code is not a live one. */
  async spendRecoveryCode(m: EntityManager, id: string, hash: Buffer): Promise<number | null> {
    const [, spent] = await m.query<[unknown[], number]>(
      `UPDATE officer_recovery_code SET used_at = now() WHERE officer_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [id, hash],
    );
    if (spent !== 1) return null;
    const [{ left }] = await m.query<{ left: number }[]>(
      `SELECT count(*)::int AS left FROM officer_recovery_code WHERE officer_id = $1 AND used_at IS NULL`,
      [id],
    );
    return left;
  }

  findById(m: EntityManager | DataSource, id: string): Promise<Officer | null> {
    return m.getRepository(Officer).findOneBy({ id });
  }

  /** The officer locked for a change in this transaction, with their password hash. */
  lockWithHash(m: EntityManager, id: string): Promise<Officer | null> {
    return m
      .getRepository(Officer)
      .createQueryBuilder('o')
      .addSelect('o.passwordHash')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
  }

  async insert(m: EntityManager, officer: NewOfficer): Promise<Officer> {
    const repo = m.getRepository(Officer);
    return repo.save(repo.create(officer));
  }

  async search(s: OfficerSearch): Promise<{ total: number; items: Officer[] }> {
    const qb = this.dataSource.getRepository(Officer).createQueryBuilder('o');
    if (s.scopePath !== null) qb.andWhere(`o.jurisdiction_path LIKE :scope`, { scope: `${escapeLike(s.scopePath)}%` });
    if (s.text) {
      qb.andWhere(`(o.username ILIKE :t OR o.display_name ILIKE :t)`, { t: `%${escapeLike(s.text)}%` });
    }
    if (s.role) qb.andWhere('o.role = :role', { role: s.role });
    if (s.active !== undefined) qb.andWhere('o.active = :active', { active: s.active });
    const [items, total] = await qb.orderBy('o.username').skip(s.offset).take(s.limit).getManyAndCount();
    return { total, items };
  }

  async setActive(m: EntityManager, id: string, active: boolean, reason: string | null): Promise<void> {
    await m.query(
      `UPDATE officer SET active = $2, disabled_at = CASE WHEN $2 THEN NULL ELSE now() END,
         disabled_reason = CASE WHEN $2 THEN NULL ELSE $3 END, session_version = session_version + 1
       WHERE id = $1`,
      [id, active, reason],
    );
  }

  async transfer(
    m: EntityManager,
    id: string,
    to: { role: Role; jurisdictionNodeId: string | null; jurisdictionPath: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE officer SET role = $2, jurisdiction_node_id = $3, jurisdiction_path = $4,
         session_version = session_version + 1 WHERE id = $1`,
      [id, to.role, to.jurisdictionNodeId, to.jurisdictionPath],
    );
  }

  async setPassword(m: EntityManager, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await m.query(
      `UPDATE officer SET password_hash = $2, must_change_password = $3, password_changed_at = now(),
         session_version = session_version + 1 WHERE id = $1`,
      [id, passwordHash, mustChange],
    );
  }

  async moveJurisdictionPaths(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(
      `UPDATE officer SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1)
        WHERE jurisdiction_path LIKE $1 || '%'`,
      [oldPath, newPath],
    );
  }

  /** One round trip: the officer's state and their revoked, still-unexpired session families. */
  async sessionState(id: string): Promise<SessionState | null> {
    const rows = await this.dataSource.query<{ active: boolean; session_version: number; revoked: string[] | null }[]>(
      `SELECT o.active, o.session_version,
              (SELECT array_agg(DISTINCT s.family_id) FROM officer_session s
                WHERE s.officer_id = o.id AND s.revoked_at IS NOT NULL AND s.expires_at > now()) AS revoked
         FROM officer o WHERE o.id = $1`,
      [id],
    );
    if (!rows.length) return null;
    const [r] = rows;
    return { active: r.active, sessionVersion: r.session_version, revokedFamilies: r.revoked ?? [] };
  }
}
