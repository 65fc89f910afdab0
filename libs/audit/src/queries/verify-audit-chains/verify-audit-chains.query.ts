import { Query } from '@nestjs/cqrs';
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
}

/** Recomputes every hash and link of the chains in scope, from the store, and checks the store against the heads. */
export class VerifyAuditChainsQuery extends Query<AuditVerification> {
  constructor(readonly request: VerifyAuditChains) {
    super();
  }
}
