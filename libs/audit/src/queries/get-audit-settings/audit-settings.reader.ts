import { Injectable } from '@nestjs/common';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { holdKindOf } from '../../domain/legal-hold';
import { Queryable } from '../../persistence/audit-sql';
import { AuditSettingsRepository } from '../../persistence/audit-settings.repository';
import { LegalHoldRepository } from '../../persistence/legal-hold.repository';
import { AuditSettings, LegalHold } from './get-audit-settings.query';

/** Retention and holds as they stand; also read inside the commands that change them. */
@Injectable()
export class AuditSettingsReader {
  constructor(
    private readonly settings: AuditSettingsRepository = new AuditSettingsRepository(),
    private readonly holds: LegalHoldRepository = new LegalHoldRepository(),
    private readonly jurisdictions: JurisdictionLookup = new JurisdictionLookup(),
  ) {}

  async read(q: Queryable): Promise<AuditSettings> {
    const s = await this.settings.read(q);
    const holds = await this.holds.listActive(q);
    const paths = [...new Set(holds.flatMap((h) => (h.jurisdictionPath ? [h.jurisdictionPath] : [])))];
    const codes = await this.jurisdictions.codesByPath(q, paths);
    return {
      retentionDays: s.retentionDays,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy,
      legalHolds: holds.map((h): LegalHold => ({
        id: h.id,
        target: holdKindOf(h, h.jurisdictionPath ? (codes.get(h.jurisdictionPath) ?? null) : null),
        reason: h.reason,
        placedBy: h.placedBy,
        placedAt: h.placedAt,
      })),
    };
  }
}
