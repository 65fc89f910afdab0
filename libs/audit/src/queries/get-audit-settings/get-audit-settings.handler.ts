import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Queryable } from '../../domain/audit-store';
import { AuditSettings, GetAuditSettingsQuery, LegalHold } from './get-audit-settings.query';

interface HoldRow {
  id: string;
  jurisdiction_path: string | null;
  jurisdiction_code: string | null;
  chain_id: string | null;
  pseudonym: string | null;
  reason: string;
  placed_by: string;
  placed_at: string;
}

/** Retention and holds as they stand; also read inside the commands that change them. */
export async function readAuditSettings(q: Queryable): Promise<AuditSettings> {
  const [s] = await q.query<{ retention_days: number | null; updated_at: string; updated_by: string | null }[]>(
    `SELECT retention_days, to_json(updated_at) #>> '{}' AS updated_at, updated_by FROM audit_settings`,
  );
  const holds = await q.query<HoldRow[]>(
    `SELECT h.id, h.jurisdiction_path, n.code AS jurisdiction_code, h.chain_id, h.pseudonym, h.reason, h.placed_by,
            to_json(h.placed_at) #>> '{}' AS placed_at
       FROM audit_legal_hold h LEFT JOIN jurisdiction_node n ON n.path = h.jurisdiction_path
      WHERE h.released_at IS NULL ORDER BY h.placed_at, h.id`,
  );
  return {
    retentionDays: s.retention_days,
    updatedAt: s.updated_at,
    updatedBy: s.updated_by,
    legalHolds: holds.map((h): LegalHold => ({
      id: h.id,
      target: h.jurisdiction_path
        ? { kind: 'jurisdiction', jurisdictionPath: h.jurisdiction_path, jurisdictionCode: h.jurisdiction_code }
        : h.chain_id
          ? { kind: 'chain', chainId: h.chain_id }
          : h.pseudonym
            ? { kind: 'citizen', pseudonym: h.pseudonym }
            : { kind: 'all' },
      reason: h.reason,
      placedBy: h.placed_by,
      placedAt: h.placed_at,
    })),
  };
}

@QueryHandler(GetAuditSettingsQuery)
export class GetAuditSettingsHandler implements IQueryHandler<GetAuditSettingsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  execute(): Promise<AuditSettings> {
    return readAuditSettings(this.dataSource);
  }
}
