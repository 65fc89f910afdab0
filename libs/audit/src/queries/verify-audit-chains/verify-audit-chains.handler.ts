import { Inject, Optional } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig, NotFoundError, parseEd25519PrivateKey, ValidationError } from '@jansetu/platform';
import { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuditCheckpoint,
  CheckpointCandidate,
  checkpointProblem,
  chooseCheckpoint,
  parsePublicKey,
} from '../../domain/audit-checkpoint';
import { AuditCheckpointRepository } from '../../persistence/audit-checkpoint.repository';
import { ChainBreak } from '../../domain/audit-event';
import { anchorsOf, AuditChainVerifier } from '../../domain/chain-verifier';
import { purgedThrough, SETTLED_AFTER, tailBreak, verificationResult } from '../../domain/store-verification';
import { AuditChainRepository } from '../../persistence/audit-chain.repository';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import {
  AuditVerification,
  CheckpointUsed,
  VerifyAuditChains,
  VerifyAuditChainsQuery,
} from './verify-audit-chains.query';

const CHAINS_PER_BATCH = 200;
const EVENTS_PER_PAGE = 2000;
const HEADS_PER_READ = 1000;
/** Stored checkpoint headers read before the one given (enough to see the stored chain of checkpoints link). */
const STORED_BEFORE = 50;

@QueryHandler(VerifyAuditChainsQuery)
export class VerifyAuditChainsHandler implements IQueryHandler<VerifyAuditChainsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
    private readonly chains: AuditChainRepository = new AuditChainRepository(),
    private readonly checkpoints: AuditCheckpointRepository = new AuditCheckpointRepository(),
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  async execute({ request: r }: VerifyAuditChainsQuery): Promise<AuditVerification> {
    // The purge records are themselves chained events; their anchors let purged chains verify from where they resume.
    const anchors = (await this.events.purgeRecords(this.dataSource)).flatMap(anchorsOf);
    const purged = purgedThrough(anchors);
    const signed = await this.signedCheckpoint(r);
    const verifier = new AuditChainVerifier({ ordered: true, anchors, checkpoint: signed.checkpoint ?? undefined });
    const lastSeq = new Map<string, number>();
    let complete = true;
    let after = r.afterChainId ?? '';
    if (r.chainId) {
      if (await this.events.hasChainInScope(this.dataSource, r.chainId, r.scopePath)) {
        await this.verifyChains([r.chainId], verifier, lastSeq, Infinity);
      } else if (
        r.scopePath !== null ||
        !(
          (await this.chains.isRecorded(this.dataSource, r.chainId)) ||
          signed.checkpoint?.heads.some((h) => h[0] === r.chainId)
        )
      ) {
        // Nothing to check is not a pass: say so rather than answer ok for a chain the caller cannot see.
        throw new NotFoundError(`audit chain ${r.chainId} in your jurisdiction`);
      }
    } else {
      let budget = r.maxEvents;
      const next = () => this.events.chainIdsAfter(this.dataSource, after, r.scopePath, CHAINS_PER_BATCH);
      for (let chainIds = await next(); chainIds.length;) {
        const run = await this.verifyChains(chainIds, verifier, lastSeq, budget);
        budget -= run.checked;
        after = run.stoppedAfter ?? chainIds.at(-1)!;
        chainIds = await next();
        if (budget <= 0 && chainIds.length) {
          complete = false;
          break;
        }
      }
    }
    // Only a complete state-wide run read every chain; a narrower one answers for the chains it read.
    const whole = r.scopePath === null && !r.chainId && !r.afterChainId && complete;
    const summary = verifier.finish((chainId) => whole || chainId === r.chainId);
    // A state-wide auditor naming a chain learns also when the store holds nothing of it any more.
    const heads = r.chainId && r.scopePath === null ? [r.chainId] : [...lastSeq.keys()];
    const tails = await this.missingNewest(heads, (id) => Math.max(lastSeq.get(id) ?? 0, purged.get(id) ?? 0));
    // Whole chains gone from the store can only be seen by a state-wide run over everything.
    if (r.scopePath === null && !r.chainId && !r.afterChainId && complete) {
      const gone = await this.chains.withoutStoredEvents(this.dataSource);
      tails.push(...(await this.missingNewest(gone, (id) => purged.get(id) ?? 0)));
    }
    const result = verificationResult(summary, tails, new Set(lastSeq.keys()), complete ? null : after);
    // A deployment without a signing key has no checkpoints to speak of (it says so at start-up).
    if (!signed.keyed && !signed.problems.length) return result;
    return {
      ...result,
      ok: result.ok && !signed.problems.length,
      checkpoint: signed.used,
      checkpointedChains: summary.checkpointedChains,
      checkpointProblems: signed.problems,
    };
  }

  /**
   * The checkpoint to verify against: the newest validly signed one among the one given and the store's own. A
   * given checkpoint the store no longer holds, or a stored one that does not verify, is reported.
   */
  private async signedCheckpoint(
    r: VerifyAuditChains,
  ): Promise<{ keyed: boolean; checkpoint: AuditCheckpoint | null; used: CheckpointUsed | null; problems: string[] }> {
    let key: KeyObject | null = null;
    try {
      const own = this.config?.AUDIT_SIGNING_KEY;
      key = r.publicKey ? parsePublicKey(r.publicKey) : own ? parsePublicKey(parseEd25519PrivateKey(own)) : null;
    } catch (e) {
      throw new ValidationError(`publicKey: ${(e as Error).message} / सार्वजनिक कुंजी मान्य नहीं है`);
    }
    if (!key) {
      const problems = r.checkpoint ? ['no public key to check the given checkpoint with'] : [];
      return { keyed: false, checkpoint: null, used: null, problems };
    }
    const latestStored = await this.checkpoints.latest(this.dataSource);
    const from = Math.min(r.checkpoint?.sequence ?? Infinity, (latestStored?.sequence ?? 0) - STORED_BEFORE);
    const candidates: CheckpointCandidate[] = (await this.checkpoints.headersFrom(this.dataSource, from)).map((c) => ({
      source: 'store',
      checkpoint: c,
    }));
    if (r.checkpoint) candidates.push({ source: 'given', checkpoint: r.checkpoint });
    const choice = chooseCheckpoint(candidates, key, true);
    const problems = [...choice.problems];
    let checkpoint: AuditCheckpoint | null = null;
    if (choice.latest) {
      const c = choice.latest;
      const heads =
        'heads' in c.checkpoint
          ? c.checkpoint.heads
          : await this.checkpoints.headsOf(this.dataSource, c.checkpoint.sequence);
      const full = heads ? { ...c.checkpoint, heads } : null;
      const problem = full ? checkpointProblem(full, key) : `checkpoint ${c.checkpoint.sequence}: its heads are gone`;
      if (problem) problems.push(`${problem} [${c.source}]`);
      else checkpoint = full;
    }
    // Checkpoints removed wholesale leave nothing to hold the chains to: that absence is itself a finding.
    const every = this.config?.AUDIT_CHECKPOINT_EVERY_MINUTES ?? 10;
    if (!choice.latest && (await this.checkpoints.hasEventsOlderThan(this.dataSource, 2 * every))) {
      problems.push(
        `no signed checkpoint in the store, though it holds events older than ${2 * every} minutes (removed?)`,
      );
    }
    const used = checkpoint && {
      sequence: checkpoint.sequence,
      createdAt: checkpoint.createdAt,
      chains: checkpoint.chains,
      events: checkpoint.events,
      keyId: checkpoint.keyId,
      source: choice.latest!.source,
    };
    return { keyed: true, checkpoint, used, problems };
  }

  /**
   * Streams the whole of each chain (events outside the scope too: a link needs both ends), stopping at the first
   * chain boundary once the budget is spent.
   */
  private async verifyChains(
    chainIds: string[],
    verifier: AuditChainVerifier,
    lastSeq: Map<string, number>,
    budget: number,
  ): Promise<{ checked: number; stoppedAfter?: string }> {
    let checked = 0;
    let cursor: [string, number] = ['', 0];
    for (;;) {
      const events = await this.events.chainEventsAfter(this.dataSource, chainIds, cursor, EVENTS_PER_PAGE);
      for (const event of events) {
        if (checked >= budget && event.chainId !== cursor[0]) return { checked, stoppedAfter: cursor[0] };
        verifier.add(event);
        lastSeq.set(event.chainId, event.chainSeq);
        cursor = [event.chainId, event.chainSeq];
        checked++;
      }
      if (events.length < EVENTS_PER_PAGE) return { checked };
    }
  }

  /** Chains whose head moved past the store's last event long ago, with nothing left to publish. */
  private async missingNewest(chainIds: string[], storedThrough: (chainId: string) => number): Promise<ChainBreak[]> {
    const breaks: ChainBreak[] = [];
    for (let i = 0; i < chainIds.length; i += HEADS_PER_READ) {
      const heads = await this.chains.settledHeads(
        this.dataSource,
        chainIds.slice(i, i + HEADS_PER_READ),
        SETTLED_AFTER,
      );
      for (const h of heads) {
        const broken = tailBreak(h.chainId, storedThrough(h.chainId), h.seq);
        if (broken) breaks.push(broken);
      }
    }
    return breaks;
  }
}
