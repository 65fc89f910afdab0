import { EntityManager } from 'typeorm';

/** The audit log as the jurisdiction context needs it (provided by the audit context, which depends on this one). */
export const JURISDICTION_AUDIT = Symbol('JURISDICTION_AUDIT');

/** Who imported: an officer (structurally @jansetu/audit's ActingOfficer), or null for the CLI and the seed. */
export interface JurisdictionImporter {
  id: string;
  role: string;
  jurisdictionPath: string | null;
}

/** Names and level of a node, before or after a rename. */
export interface NodeNames {
  nameEn: string;
  nameHi: string;
  level: string;
}

/** What one import changed; the lists are capped (their totals are the counts). */
export interface JurisdictionImportDiff {
  created: number;
  updated: number;
  unchanged: number;
  createdCodes: string[];
  renamed: { code: string; from: NodeNames; to: NodeNames }[];
  /** A move changes which station's officers read the members of the node's whole subtree. */
  moved: { code: string; fromParentCode: string | null; toParentCode: string | null }[];
  movedCount: number;
  renamedCount: number;
}

export interface JurisdictionAudit {
  /** Records the import in the caller's transaction. */
  recordImport(m: EntityManager, importer: JurisdictionImporter | null, diff: JurisdictionImportDiff): Promise<void>;
}
