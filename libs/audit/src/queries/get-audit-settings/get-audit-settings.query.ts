import { Query } from '@nestjs/cqrs';

export interface LegalHold {
  id: string;
  /** What the hold keeps: everything, a jurisdiction subtree, one chain (a broadcast, an officer), or one citizen. */
  target:
    | { kind: 'all' }
    | { kind: 'jurisdiction'; jurisdictionPath: string; jurisdictionCode: string | null }
    | { kind: 'chain'; chainId: string }
    | { kind: 'citizen'; pseudonym: string };
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
