import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
// Loaded by the standalone verifier without NestJS, like audit-event.ts: the one dependency-free platform file.
// eslint-disable-next-line no-restricted-imports
import { canonicalJson, sha256Hex } from '../../../platform/src/canonical-json';
import { GENESIS_HASH } from './audit-event';

/**
 * Signed checkpoints of every audit chain head. Whoever holds the database can drop the append-only trigger and
 * rewrite a chain consistently (hashes are unkeyed); they cannot sign. A verifier holding the public key and any
 * checkpoint knows, per chain, an event the store must still hold with exactly that hash.
 */

/** One chain's head as checkpointed: [chainId, seq, hash]; compact because a state holds 100k+ chains. */
export type CheckpointHead = [chainId: string, seq: number, hash: string];

/** What is signed (the heads are covered through their Merkle root). */
export interface CheckpointHeader {
  version: 1;
  sequence: number;
  createdAt: string;
  /** Number of chains (heads) and the sum of their sequences (events covered). */
  chains: number;
  events: number;
  /** Merkle root over the heads in chain id order (code-point order, never a database collation). */
  root: string;
  /** checkpointHash of the previous checkpoint (GENESIS_HASH for the first): checkpoints form a chain too. */
  prevHash: string;
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER): which key signed. */
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointHeader {
  /** Ed25519 over canonicalJson(header), base64. */
  signature: string;
}

export interface AuditCheckpoint extends SignedCheckpoint {
  heads: CheckpointHead[];
}

export const CHECKPOINT_TYPE = 'audit.checkpoint';
/** The heads travel in parts on the topic (a message stays well under Kafka's 1 MB), the signed header last. */
export const CHECKPOINT_HEADS_TYPE = 'audit.checkpoint_heads';
export const HEADS_PER_PART = 4000;

export function byChainId(a: CheckpointHead, b: CheckpointHead): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** RFC 6962 style: leaves and inner nodes hashed with different prefixes, so a leaf can never pass for a node. */
export function merkleRoot(heads: readonly CheckpointHead[]): string {
  if (!heads.length) return sha256('');
  let level = heads.map((h) => sha256(`\u0000${canonicalJson(h)}`));
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? sha256(`\u0001${level[i]}${level[i + 1]}`) : level[i]);
    }
    level = next;
  }
  return level[0];
}

export function headerOf(c: CheckpointHeader): CheckpointHeader {
  const { version, sequence, createdAt, chains, events, root, prevHash, keyId } = c;
  return { version, sequence, createdAt, chains, events, root, prevHash, keyId };
}

/** What the next checkpoint links to. */
export function checkpointHash(c: SignedCheckpoint): string {
  return sha256Hex(canonicalJson({ ...headerOf(c), signature: c.signature }));
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** A public key as published: a PEM block (SPKI) or its base64 DER on one line; a private key gives its public half. */
export function parsePublicKey(value: string | KeyObject): KeyObject {
  const key =
    typeof value !== 'string'
      ? createPublicKey(value)
      : value.includes('-----BEGIN')
        ? createPublicKey(value)
        : createPublicKey({ key: Buffer.from(value.trim(), 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the audit public key must be an Ed25519 key');
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** Signs the heads (any order; sorted here) as the checkpoint following `previous`. */
export function buildCheckpoint(
  heads: CheckpointHead[],
  previous: SignedCheckpoint | null,
  privateKey: KeyObject,
  now = new Date(),
): AuditCheckpoint {
  const sorted = [...heads].sort(byChainId);
  const header: CheckpointHeader = {
    version: 1,
    sequence: (previous?.sequence ?? 0) + 1,
    createdAt: now.toISOString(),
    chains: sorted.length,
    events: sorted.reduce((n, h) => n + h[1], 0),
    root: merkleRoot(sorted),
    prevHash: previous ? checkpointHash(previous) : GENESIS_HASH,
    keyId: keyIdOf(createPublicKey(privateKey)),
  };
  const signature = sign(null, Buffer.from(canonicalJson(header), 'utf8'), privateKey).toString('base64');
  return { ...header, signature, heads: sorted };
}

/** The shape a checkpoint from outside must have before anything else is checked. */
export function isSignedCheckpoint(v: unknown): v is SignedCheckpoint & { heads?: CheckpointHead[] } {
  const c = v as Partial<AuditCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.version === 1 &&
    Number.isSafeInteger(c.sequence) &&
    typeof c.createdAt === 'string' &&
    Number.isSafeInteger(c.chains) &&
    Number.isSafeInteger(c.events) &&
    typeof c.root === 'string' &&
    typeof c.prevHash === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string' &&
    (c.heads === undefined ||
      (Array.isArray(c.heads) &&
        c.heads.every(
          (h) =>
            Array.isArray(h) &&
            h.length === 3 &&
            typeof h[0] === 'string' &&
            Number.isSafeInteger(h[1]) &&
            typeof h[2] === 'string',
        )))
  );
}

/** Null when the signature holds and, given heads, they are the ones signed; else what is wrong. */
export function checkpointProblem(
  c: SignedCheckpoint & { heads?: CheckpointHead[] },
  publicKey: KeyObject,
): string | null {
  let signed = false;
  try {
    signed = verify(
      null,
      Buffer.from(canonicalJson(headerOf(c)), 'utf8'),
      publicKey,
      Buffer.from(c.signature, 'base64'),
    );
  } catch {
    signed = false;
  }
  if (!signed) return `checkpoint ${c.sequence}: the signature does not verify with the public key (forged or altered)`;
  if (c.heads) {
    const sorted = c.heads.every((h, i) => i === 0 || byChainId(c.heads![i - 1], h) < 0);
    if (!sorted || c.heads.length !== c.chains || merkleRoot(c.heads) !== c.root) {
      return `checkpoint ${c.sequence}: its chain heads are not the ones signed`;
    }
  }
  return null;
}

export interface CheckpointCandidate {
  /** Where it came from, for the report: 'given', 'store', a file name. */
  source: string;
  checkpoint: AuditCheckpoint | SignedCheckpoint;
}

export interface CheckpointChoice {
  /** The newest checkpoint whose signature holds (its heads may still have to be loaded and checked). */
  latest: CheckpointCandidate | null;
  problems: string[];
}

/**
 * Picks the checkpoint to verify against: the newest validly signed one with its heads. Every candidate is checked,
 * consecutive checkpoints must link, and when the store's own are offered (`storeOffered`), every checkpoint given
 * from outside must still be there unchanged: removing or replacing stored checkpoints is itself a finding.
 */
export function chooseCheckpoint(
  candidates: CheckpointCandidate[],
  publicKey: KeyObject,
  storeOffered = false,
): CheckpointChoice {
  const problems: string[] = [];
  const valid: CheckpointCandidate[] = [];
  for (const c of candidates) {
    const problem = checkpointProblem(c.checkpoint, publicKey);
    if (problem) problems.push(`${problem} [${c.source}]`);
    else valid.push(c);
  }
  const bySeq = new Map<number, CheckpointCandidate>();
  for (const c of valid) {
    const seen = bySeq.get(c.checkpoint.sequence);
    if (seen && checkpointHash(seen.checkpoint) !== checkpointHash(c.checkpoint)) {
      problems.push(
        `two different signed checkpoints claim sequence ${c.checkpoint.sequence} [${seen.source}, ${c.source}]`,
      );
    }
    if (!seen || 'heads' in c.checkpoint) bySeq.set(c.checkpoint.sequence, c);
  }
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);
  for (let i = 1; i < seqs.length; i++) {
    if (seqs[i] !== seqs[i - 1] + 1) continue;
    const [before, after] = [bySeq.get(seqs[i - 1])!.checkpoint, bySeq.get(seqs[i])!.checkpoint];
    if (after.prevHash !== checkpointHash(before)) {
      problems.push(`checkpoint ${after.sequence} does not follow checkpoint ${before.sequence}`);
    }
  }
  if (storeOffered) {
    const stored = new Set(valid.filter((c) => c.source === 'store').map((c) => checkpointHash(c.checkpoint)));
    for (const c of valid.filter((v) => v.source !== 'store')) {
      if (!stored.has(checkpointHash(c.checkpoint))) {
        problems.push(
          `checkpoint ${c.checkpoint.sequence} [${c.source}] is missing from the store (removed or replaced)`,
        );
      }
    }
  }
  return { latest: seqs.length ? bySeq.get(seqs.at(-1)!)! : null, problems };
}

/** The messages one checkpoint is published as: its heads in parts, then the signed header naming how many parts. */
export function checkpointMessages(c: AuditCheckpoint): { type: string; payload: Record<string, unknown> }[] {
  const parts: { type: string; payload: Record<string, unknown> }[] = [];
  for (let i = 0; i < c.heads.length; i += HEADS_PER_PART) {
    parts.push({
      type: CHECKPOINT_HEADS_TYPE,
      payload: { sequence: c.sequence, part: parts.length, heads: c.heads.slice(i, i + HEADS_PER_PART) },
    });
  }
  const { heads: _heads, ...signed } = c;
  void _heads;
  return [...parts, { type: CHECKPOINT_TYPE, payload: { ...signed, parts: parts.length } }];
}

/**
 * Reads checkpoints from lines: the file form (one whole checkpoint a line) or the topic's messages (bus envelopes
 * or bare payloads of parts and headers, as kcat prints them). Returns every complete checkpoint found.
 */
export function parseCheckpointLines(lines: Iterable<string>): AuditCheckpoint[] {
  const parts = new Map<number, Map<number, CheckpointHead[]>>();
  const found: AuditCheckpoint[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const value = JSON.parse(line) as Record<string, unknown>;
    const type = typeof value.type === 'string' && 'payload' in value ? value.type : null;
    const p = (type ? value.payload : value) as Record<string, unknown>;
    if (type === CHECKPOINT_HEADS_TYPE || (type === null && 'part' in p && !('signature' in p))) {
      const seq = Number(p.sequence);
      const known = parts.get(seq) ?? new Map<number, CheckpointHead[]>();
      known.set(Number(p.part), p.heads as CheckpointHead[]);
      parts.set(seq, known);
    } else if (typeof p.signature === 'string') {
      if (Array.isArray(p.heads)) {
        found.push(p as unknown as AuditCheckpoint);
        continue;
      }
      const { parts: count, ...signed } = p as unknown as SignedCheckpoint & { parts: number };
      const known = parts.get(signed.sequence);
      if (!known || known.size !== count) continue;
      const heads = [...Array(count).keys()].flatMap((i) => known.get(i) ?? []);
      found.push({ ...signed, heads });
    }
  }
  return found;
}
