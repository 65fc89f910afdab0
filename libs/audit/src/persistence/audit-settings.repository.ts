import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Queryable } from './audit-sql';

export interface AuditSettingsRow {
  retentionDays: number | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** `audit_settings`, one row: how long the store keeps events. */
@Injectable()
export class AuditSettingsRepository {
  async read(q: Queryable): Promise<AuditSettingsRow> {
    const [s] = await q.query<AuditSettingsRow[]>(
      `SELECT retention_days AS "retentionDays", to_json(updated_at) #>> '{}' AS "updatedAt", updated_by AS "updatedBy"
         FROM audit_settings`,
    );
    return s;
  }

  /** The retention, locked until the caller's transaction ends (so two changes record their true "from"). */
  async lockRetention(m: EntityManager): Promise<number | null> {
    const [s] = await m.query<{ retention_days: number | null }[]>(
      `SELECT retention_days FROM audit_settings FOR UPDATE`,
    );
    return s.retention_days;
  }

  async retentionDays(q: Queryable): Promise<number | null> {
    const [s] = await q.query<{ retention_days: number | null }[]>(`SELECT retention_days FROM audit_settings`);
    return s.retention_days;
  }

  async setRetention(m: EntityManager, retentionDays: number | null, officerId: string): Promise<void> {
    await m.query(`UPDATE audit_settings SET retention_days = $1, updated_at = now(), updated_by = $2`, [
      retentionDays,
      officerId,
    ]);
  }
}
