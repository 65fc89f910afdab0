import type { CheckpointHead } from './audit-checkpoint';
import { AuditEvent, ChainBreak, ChainStart, checkLink, GENESIS_HASH, hashAuditEvent } from './audit-event';

/**
 * Chain verification over a stream of events, shared by the auditor API (reading the store) and the standalone
 * script (reading the Kafka topic). It depends on nothing but the hashing rules, so an auditor can read it whole.
 */

/** The type of the event a retention purge records; it names, per chain, the last event it removed. */
export const PURGE_EVENT_TYPE = 'audit.purged';

export interface ChainAnchor {
  chainId: string;
  throughSeq: number;
  throughHash: string;
}

/** Where the chains an audit.purged event names start again. */
export function anchorsOf(e: AuditEvent): ChainAnchor[] {
  if (e.type !== PURGE_EVENT_TYPE || !Array.isArray(e.body.chains)) return [];
  return (e.body.chains as Partial<ChainAnchor>[]).filter(
    (c): c is ChainAnchor =>
      typeof c?.chainId === 'string' && typeof c.throughSeq === 'number' && typeof c.throughHash === 'string',
  );
}

export interface VerifierOptions {
  /** Purge anchors known before the events arrive (the store passes them; the topic carries them inline). */
  anchors?: Iterable<ChainAnchor>;
  /** Each chain arrives in sequence order without repeats (the store): a gap breaks at once, nothing is buffered. */
  ordered?: boolean;
  /** Trust where each chain begins in the input (a topic whose oldest segments Kafka's retention removed). */
  acceptFirstSeen?: boolean;
  /**
   * A signed checkpoint (its signature checked by the caller): every chain it names must reach its head with exactly
   * the signed hash, so a consistent rewrite, a removed chain or removed newest events break at once.
   */
  checkpoint?: { sequence: number; heads: Iterable<CheckpointHead> };
}

export interface VerificationSummary {
  ok: boolean;
  /** Distinct events checked. */
  checkedEvents: number;
  chains: number;
  brokenChains: number;
  /** Identical copies of an event already seen (a relay retry publishes a message again); skipped. */
  repeatedCopies: number;
  /** Chains whose beginning a retention purge removed, verified from the purge's record. */
  anchoredChains: number;
  /** Chains taken from their first event in the input (only with acceptFirstSeen). */
  unanchoredStarts: number;
  /** The first broken link, chains taken in id order. */
  firstBreak?: ChainBreak;
  /** The first break of each broken chain (at most 100), in chain id order. */
  breaks: ChainBreak[];
  /** Chains whose signed checkpoint head was found with its hash (0 without a checkpoint). */
  checkpointedChains?: number;
}

interface ChainState {
  prev: ChainStart | null;
  pending: Map<number, AuditEvent>;
  broken: ChainBreak | null;
  anchored: boolean;
  /** The signed checkpoint's head of this chain was reached with the signed hash. */
  matched: boolean;
}

const GENESIS: ChainStart = { seq: 0, hash: GENESIS_HASH };

export class AuditChainVerifier {
  private readonly chains = new Map<string, ChainState>();
  private readonly anchors = new Map<string, Map<number, string>>();
  /** Event id → its recomputed hash, to tell a harmless repeat from a second, different event with the same id. */
  private readonly seen = new Map<string, string>();
  private checked = 0;
  private repeated = 0;
  private unanchored = 0;
  private readonly signedHeads = new Map<string, { seq: number; hash: string }>();

  constructor(private readonly options: VerifierOptions = {}) {
    for (const a of options.anchors ?? []) this.learn(a);
    for (const [chainId, seq, hash] of options.checkpoint?.heads ?? []) this.signedHeads.set(chainId, { seq, hash });
  }

  add(e: AuditEvent): void {
    const computed = hashAuditEvent(e);
    if (!this.options.ordered) {
      const before = this.seen.get(e.id);
      if (before === computed) {
        this.repeated++;
        return;
      }
      if (before !== undefined) {
        this.fail(this.state(e.chainId), e, `a second, different event carries the id ${e.id}`);
        return;
      }
      this.seen.set(e.id, computed);
    }
    this.checked++;
    for (const a of anchorsOf(e)) this.learn(a);
    const state = this.state(e.chainId);
    if (state.broken) return;
    if (state.prev === null) {
      // Out of order input may still bring the chain's first events: an anchor is only taken at once when in order.
      if (e.chainSeq === 1) state.prev = GENESIS;
      else if (this.options.ordered) this.startFromAnchor(state, e.chainId, e.chainSeq);
    }
    if (state.prev === null || e.chainSeq > state.prev.seq + 1) {
      if (this.options.ordered) {
        this.fail(state, e, `expected sequence ${(state.prev?.seq ?? 0) + 1} (an event is missing)`);
      } else if (state.pending.has(e.chainSeq)) {
        this.fail(state, e, `two different events claim sequence ${e.chainSeq}`);
      } else {
        state.pending.set(e.chainSeq, e);
      }
      return;
    }
    if (e.chainSeq <= state.prev.seq) {
      this.fail(state, e, `two different events claim sequence ${e.chainSeq}`);
      return;
    }
    this.link(state, e, computed);
    this.drain(state);
  }

  /**
   * Judges what was added. `requireCheckpointed` says which of the checkpoint's chains the input was meant to hold
   * in full (default: all of them; a scoped or partial run can only answer for the chains it read).
   */
  finish(requireCheckpointed: (chainId: string) => boolean = () => true): VerificationSummary {
    for (const [chainId, state] of this.chains) {
      if (state.broken || !state.pending.size) continue;
      const first = state.pending.get(Math.min(...state.pending.keys()))!;
      if (state.prev === null) this.startFromAnchor(state, chainId, first.chainSeq);
      if (state.prev === null && this.options.acceptFirstSeen) {
        state.prev = { seq: first.chainSeq - 1, hash: first.prevHash };
        this.unanchored++;
      }
      if (state.prev !== null) this.drain(state);
      if (!state.broken && state.pending.size) {
        const gapAt = state.pending.get(Math.min(...state.pending.keys()))!;
        this.fail(state, gapAt, `expected sequence ${(state.prev?.seq ?? 0) + 1} (an event is missing)`);
      }
    }
    this.checkCheckpointHeads(requireCheckpointed);
    const broken = [...this.chains.values()]
      .map((s) => s.broken)
      .filter((b): b is ChainBreak => b !== null)
      .sort((a, b) => (a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : 0));
    return {
      ok: broken.length === 0,
      checkedEvents: this.checked,
      chains: this.chains.size,
      brokenChains: broken.length,
      repeatedCopies: this.repeated,
      anchoredChains: [...this.chains.values()].filter((s) => s.anchored).length,
      unanchoredStarts: this.unanchored,
      ...(broken.length ? { firstBreak: broken[0] } : {}),
      breaks: broken.slice(0, 100),
      checkpointedChains: [...this.chains.values()].filter((s) => s.matched).length,
    };
  }

  private checkCheckpointHeads(required: (chainId: string) => boolean): void {
    const n = this.options.checkpoint?.sequence;
    for (const [chainId, head] of this.signedHeads) {
      const state = this.chains.get(chainId);
      if (state?.broken || state?.matched || !(state || required(chainId))) continue;
      // A retention purge past the signed head removed it lawfully; the purge record itself is chained and signed.
      const purgedPast = [...(this.anchors.get(chainId)?.keys() ?? [])].some((through) => through > head.seq);
      if (purgedPast) continue;
      const reached = state?.prev?.seq ?? 0;
      const newState = state ?? this.state(chainId);
      newState.broken = {
        chainId,
        chainSeq: reached + 1,
        eventId: null,
        reason: state
          ? `signed checkpoint ${n} holds this chain through sequence ${head.seq}; events ${reached + 1}..${head.seq} are missing (removed)`
          : `signed checkpoint ${n} holds this chain through sequence ${head.seq}; none of its events is left (the chain was removed)`,
      };
    }
  }

  /** Compares a verified position of a chain with the checkpoint's head of it. */
  private compareWithCheckpoint(state: ChainState, chainId: string, at: ChainStart, eventId: string | null): void {
    const head = this.signedHeads.get(chainId);
    if (!head || head.seq !== at.seq) return;
    if (head.hash === at.hash) {
      state.matched = true;
      return;
    }
    state.broken ??= {
      chainId,
      chainSeq: at.seq,
      eventId,
      reason: `differs from signed checkpoint ${this.options.checkpoint?.sequence} at this sequence (the chain was rewritten)`,
    };
    state.pending.clear();
  }

  private state(chainId: string): ChainState {
    let state = this.chains.get(chainId);
    if (!state) {
      state = { prev: null, pending: new Map(), broken: null, anchored: false, matched: false };
      this.chains.set(chainId, state);
    }
    return state;
  }

  private learn(a: ChainAnchor): void {
    const known = this.anchors.get(a.chainId) ?? new Map<number, string>();
    known.set(a.throughSeq, a.throughHash);
    this.anchors.set(a.chainId, known);
  }

  private startFromAnchor(state: ChainState, chainId: string, firstSeq: number): void {
    const hash = this.anchors.get(chainId)?.get(firstSeq - 1);
    if (hash === undefined) return;
    state.prev = { seq: firstSeq - 1, hash };
    state.anchored = true;
    this.compareWithCheckpoint(state, chainId, state.prev, null);
  }

  private link(state: ChainState, e: AuditEvent, computed: string): void {
    const broken = checkLink(e, state.prev!, computed);
    if (broken) {
      state.broken = broken;
      state.pending.clear();
    } else {
      state.prev = { seq: e.chainSeq, hash: e.hash };
      this.compareWithCheckpoint(state, e.chainId, state.prev, e.id);
    }
  }

  private drain(state: ChainState): void {
    for (let next = state.pending.get(state.prev!.seq + 1); next && !state.broken;) {
      state.pending.delete(next.chainSeq);
      this.link(state, next, hashAuditEvent(next));
      next = state.broken ? undefined : state.pending.get(state.prev!.seq + 1);
    }
  }

  private fail(state: ChainState, e: AuditEvent, reason: string): void {
    state.broken ??= { chainId: e.chainId, chainSeq: e.chainSeq, eventId: e.id, reason };
    state.pending.clear();
  }
}

/** One line of input: the bus envelope `{id, topic, key, type, payload, occurredAt}` or a bare event; null if blank. */
export function parseAuditLine(line: string): AuditEvent | null {
  if (!line.trim()) return null;
  const value = JSON.parse(line) as Record<string, unknown>;
  const candidate = (isAuditEvent(value.payload) ? value.payload : value) as unknown;
  if (!isAuditEvent(candidate)) throw new Error('not an audit event (expected chainId, chainSeq, prevHash and hash)');
  return candidate;
}

function isAuditEvent(v: unknown): v is AuditEvent {
  const e = v as Partial<AuditEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.chainId === 'string' &&
    typeof e.chainSeq === 'number' &&
    typeof e.prevHash === 'string' &&
    typeof e.hash === 'string'
  );
}
