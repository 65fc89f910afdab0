import { Query } from '@nestjs/cqrs';
import type { AuditCheckpoint, SignedCheckpoint } from '../../domain/audit-checkpoint';
import { ChainBreak } from '../../domain/audit-event';
import { AuditScope } from '../../domain/audit-filter';

export interface VerifyAuditChains {
  /** Chains with at least one event in this subtree (null: every chain). */
  scopePath: AuditScope;
  /** Only this chain. */
  chainId?: string;
  /** Continue after this chain (the resumeAfterChainId of a previous, incomplete run). */
  afterChainId?: string;
  /** Stop at the first chain boundary past this many events; the answer says where to resume. */
  maxEvents: number;
  /** A checkpoint the caller holds from outside (a file, the topic); the stored ones are checked against it. */
  checkpoint?: AuditCheckpoint | SignedCheckpoint;
  /** The public key to check signatures with (default: the one of this deployment's AUDIT_SIGNING_KEY). */
  publicKey?: string;
}

export interface CheckpointUsed {
  sequence: number;
  createdAt: string;
  chains: number;
  events: number;
  keyId: string;
  /** 'given' (from the request) or 'store'. */
  source: string;
}

export interface AuditVerification {
  ok: boolean;
  checkedEvents: number;
  chains: number;
  brokenChains: number;
  /** Chains whose beginning a retention purge removed, verified from the hash the purge recorded. */
  anchoredChains: number;
  firstBreak?: ChainBreak;
  /** False when maxEvents stopped the run early: call again with afterChainId = resumeAfterChainId. */
  complete: boolean;
  resumeAfterChainId?: string;
  /** The signed checkpoint the chains were checked against (null: none usable; see checkpointProblems). */
  checkpoint?: CheckpointUsed | null;
  /** Chains whose head in that checkpoint was found with its signed hash. */
  checkpointedChains?: number;
  /** Forged, altered, unlinked or removed checkpoints; any of them makes ok false. */
  checkpointProblems?: string[];
}

/** Recomputes every hash and link of the chains in scope, from the store, and checks the store against the heads. */
export class VerifyAuditChainsQuery extends Query<AuditVerification> {
  constructor(readonly request: VerifyAuditChains) {
    super();
  }
}
