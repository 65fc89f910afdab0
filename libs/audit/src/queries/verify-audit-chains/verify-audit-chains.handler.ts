import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditEvent, ChainBreak } from '../../domain/audit-event';
import { likePrefix } from '../../domain/audit-store';
import { anchorsOf, AuditChainVerifier, PURGE_EVENT_TYPE } from '../../domain/chain-verifier';
import { AuditVerification, VerifyAuditChainsQuery } from './verify-audit-chains.query';

const CHAINS_PER_BATCH = 200;
const EVENTS_PER_PAGE = 2000;
/**
 * A chain head that moved this long ago, with nothing of it waiting in the outbox, has reached the store by now
 * (relay and projection run continuously); a store that still ends earlier lost its newest events.
 */
const SETTLED_AFTER = '10 minutes';

@QueryHandler(VerifyAuditChainsQuery)
export class VerifyAuditChainsHandler implements IQueryHandler<VerifyAuditChainsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ request: r }: VerifyAuditChainsQuery): Promise<AuditVerification> {
    // The purge records are themselves chained events; their anchors let purged chains verify from where they resume.
    const purges = await this.dataSource.query<{ event: AuditEvent }[]>(
      `SELECT event FROM audit_event WHERE type = $1 ORDER BY chain_id, chain_seq`,
      [PURGE_EVENT_TYPE],
    );
    const anchors = purges.flatMap((p) => anchorsOf(p.event));
    const purgedThrough = new Map<string, number>();
    for (const a of anchors) purgedThrough.set(a.chainId, Math.max(purgedThrough.get(a.chainId) ?? 0, a.throughSeq));
    const verifier = new AuditChainVerifier({ ordered: true, anchors });
    const lastSeq = new Map<string, number>();
    let complete = true;
    let after = r.afterChainId ?? '';
    if (r.chainId) {
      if (await this.inScope(r.chainId, r.scopePath)) {
        await this.verifyChains([r.chainId], verifier, lastSeq, Infinity);
      } else if (r.scopePath !== null || !(await this.recorded(r.chainId))) {
        // Nothing to check is not a pass: say so rather than answer ok for a chain the caller cannot see.
        throw new NotFoundError(`audit chain ${r.chainId} in your jurisdiction`);
      }
    } else {
      let budget = r.maxEvents;
      for (let chainIds = await this.chainsAfter(after, r.scopePath); chainIds.length;) {
        const run = await this.verifyChains(chainIds, verifier, lastSeq, budget);
        budget -= run.checked;
        after = run.stoppedAfter ?? chainIds.at(-1)!;
        chainIds = await this.chainsAfter(after, r.scopePath);
        if (budget <= 0 && chainIds.length) {
          complete = false;
          break;
        }
      }
    }
    const summary = verifier.finish();
    // A state-wide auditor naming a chain learns also when the store holds nothing of it any more.
    const heads = r.chainId && r.scopePath === null ? [r.chainId] : [...lastSeq.keys()];
    const tails = await this.missingNewest(heads, (id) => Math.max(lastSeq.get(id) ?? 0, purgedThrough.get(id) ?? 0));
    // Whole chains gone from the store can only be seen by a state-wide run over everything.
    if (r.scopePath === null && !r.chainId && !r.afterChainId && complete) {
      tails.push(...(await this.missingChains((id) => purgedThrough.get(id) ?? 0)));
    }
    const breaks = [...(summary.firstBreak ? [summary.firstBreak] : []), ...tails].sort((a, b) =>
      a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : a.chainSeq - b.chainSeq,
    );
    const brokenChains = new Set([...summary.breaks, ...tails].map((b) => b.chainId)).size;
    return {
      ok: breaks.length === 0,
      checkedEvents: summary.checkedEvents,
      chains: summary.chains + tails.filter((t) => !lastSeq.has(t.chainId)).length,
      brokenChains: Math.max(brokenChains, summary.brokenChains),
      anchoredChains: summary.anchoredChains,
      ...(breaks.length ? { firstBreak: breaks[0] } : {}),
      complete,
      ...(complete ? {} : { resumeAfterChainId: after }),
    };
  }

  private async inScope(chainId: string, scope: string | null): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM audit_event WHERE chain_id = $1 ${scope ? 'AND jurisdiction_path LIKE $2' : ''} LIMIT 1`,
      scope ? [chainId, likePrefix(scope)] : [chainId],
    );
    return rows.length > 0;
  }

  private async recorded(chainId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM audit_chain WHERE chain_id = $1`, [chainId]);
    return rows.length > 0;
  }

  private async chainsAfter(after: string, scope: string | null): Promise<string[]> {
    const rows = await this.dataSource.query<{ chain_id: string }[]>(
      `SELECT chain_id FROM audit_event WHERE chain_id > $1 ${scope ? 'AND jurisdiction_path LIKE $3' : ''}
        GROUP BY chain_id ORDER BY chain_id LIMIT $2`,
      scope ? [after, CHAINS_PER_BATCH, likePrefix(scope)] : [after, CHAINS_PER_BATCH],
    );
    return rows.map((r) => r.chain_id);
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
      const rows = await this.dataSource.query<{ event: AuditEvent }[]>(
        `SELECT event FROM audit_event WHERE chain_id = ANY($1::text[]) AND (chain_id, chain_seq) > ($2, $3)
          ORDER BY chain_id, chain_seq LIMIT ${EVENTS_PER_PAGE}`,
        [chainIds, ...cursor],
      );
      for (const { event } of rows) {
        if (checked >= budget && event.chainId !== cursor[0]) return { checked, stoppedAfter: cursor[0] };
        verifier.add(event);
        lastSeq.set(event.chainId, event.chainSeq);
        cursor = [event.chainId, event.chainSeq];
        checked++;
      }
      if (rows.length < EVENTS_PER_PAGE) return { checked };
    }
  }

  /** Chains whose head moved past the store's last event long ago, with nothing left to publish. */
  private async missingNewest(chainIds: string[], storedThrough: (chainId: string) => number): Promise<ChainBreak[]> {
    const breaks: ChainBreak[] = [];
    for (let i = 0; i < chainIds.length; i += 1000) {
      for (const h of await this.settledHeads(chainIds.slice(i, i + 1000))) {
        const stored = storedThrough(h.chain_id);
        if (stored < h.seq) breaks.push(tailBreak(h.chain_id, stored, h.seq));
      }
    }
    return breaks;
  }

  /** Chains the recorder wrote that have no event left in the store and were not purged whole. */
  private async missingChains(purgedThrough: (chainId: string) => number): Promise<ChainBreak[]> {
    const rows = await this.dataSource.query<{ chain_id: string }[]>(
      `SELECT c.chain_id FROM audit_chain c
        WHERE c.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.chain_id = c.chain_id)`,
    );
    return this.missingNewest(
      rows.map((r) => r.chain_id),
      purgedThrough,
    );
  }

  private async settledHeads(chainIds: string[]): Promise<{ chain_id: string; seq: number }[]> {
    return this.dataSource.query(
      `SELECT c.chain_id, c.seq::int AS seq FROM audit_chain c
        WHERE c.chain_id = ANY($1::text[]) AND c.updated_at < now() - interval '${SETTLED_AFTER}'
          AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.published_at IS NULL AND o.key = c.chain_id)`,
      [chainIds],
    );
  }
}

function tailBreak(chainId: string, stored: number, head: number): ChainBreak {
  return {
    chainId,
    chainSeq: stored + 1,
    eventId: null,
    reason:
      `events ${stored + 1}..${head} are missing from the store: the chain reached ${head} more than ` +
      `${SETTLED_AFTER} ago and nothing of it waits in the outbox (removed, or the projection has stopped)`,
  };
}
