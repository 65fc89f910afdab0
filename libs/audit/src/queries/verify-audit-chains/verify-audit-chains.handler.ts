import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { ChainBreak } from '../../domain/audit-event';
import { anchorsOf, AuditChainVerifier } from '../../domain/chain-verifier';
import { purgedThrough, SETTLED_AFTER, tailBreak, verificationResult } from '../../domain/store-verification';
import { AuditChainRepository } from '../../persistence/audit-chain.repository';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { AuditVerification, VerifyAuditChainsQuery } from './verify-audit-chains.query';

const CHAINS_PER_BATCH = 200;
const EVENTS_PER_PAGE = 2000;
const HEADS_PER_READ = 1000;

@QueryHandler(VerifyAuditChainsQuery)
export class VerifyAuditChainsHandler implements IQueryHandler<VerifyAuditChainsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
    private readonly chains: AuditChainRepository = new AuditChainRepository(),
  ) {}

  async execute({ request: r }: VerifyAuditChainsQuery): Promise<AuditVerification> {
    // The purge records are themselves chained events; their anchors let purged chains verify from where they resume.
    const anchors = (await this.events.purgeRecords(this.dataSource)).flatMap(anchorsOf);
    const purged = purgedThrough(anchors);
    const verifier = new AuditChainVerifier({ ordered: true, anchors });
    const lastSeq = new Map<string, number>();
    let complete = true;
    let after = r.afterChainId ?? '';
    if (r.chainId) {
      if (await this.events.hasChainInScope(this.dataSource, r.chainId, r.scopePath)) {
        await this.verifyChains([r.chainId], verifier, lastSeq, Infinity);
      } else if (r.scopePath !== null || !(await this.chains.isRecorded(this.dataSource, r.chainId))) {
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
    const summary = verifier.finish();
    // A state-wide auditor naming a chain learns also when the store holds nothing of it any more.
    const heads = r.chainId && r.scopePath === null ? [r.chainId] : [...lastSeq.keys()];
    const tails = await this.missingNewest(heads, (id) => Math.max(lastSeq.get(id) ?? 0, purged.get(id) ?? 0));
    // Whole chains gone from the store can only be seen by a state-wide run over everything.
    if (r.scopePath === null && !r.chainId && !r.afterChainId && complete) {
      const gone = await this.chains.withoutStoredEvents(this.dataSource);
      tails.push(...(await this.missingNewest(gone, (id) => purged.get(id) ?? 0)));
    }
    return verificationResult(summary, tails, new Set(lastSeq.keys()), complete ? null : after);
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
