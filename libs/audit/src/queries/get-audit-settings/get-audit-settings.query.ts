import { Query } from '@nestjs/cqrs';
import { HoldKind } from '../../domain/legal-hold';

export interface LegalHold {
  id: string;
  /** What the hold keeps: everything, a jurisdiction subtree, one chain (a broadcast, an officer), or one citizen. */
  target: HoldKind;
  reason: string;
  placedBy: string;
  placedAt: string;
}

export interface AuditSettings {
  /** Events older than this many days may be purged; null keeps them for ever. */
  retentionDays: number | null;
  updatedAt: string;
  updatedBy: string | null;
  /** Active holds; a held event is never purged, whatever its age. */
  legalHolds: LegalHold[];
}

export class GetAuditSettingsQuery extends Query<AuditSettings> {}
