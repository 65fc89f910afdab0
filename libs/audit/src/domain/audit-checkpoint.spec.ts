import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AuditCheckpoint,
  buildCheckpoint,
  checkpointMessages,
  checkpointProblem,
  chooseCheckpoint,
  CheckpointHead,
  HEADS_PER_PART,
  merkleRoot,
  parseCheckpointLines,
  parsePublicKey,
} from './audit-checkpoint';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const heads: CheckpointHead[] = [
  ['broadcast:b', 3, 'b'.repeat(64)],
  ['broadcast:a', 2, 'a'.repeat(64)],
  ['citizen:N-1', 1, 'c'.repeat(64)],
];

describe('audit checkpoints', () => {
  const first = buildCheckpoint(heads, null, privateKey, new Date('2026-12-01T00:00:00Z'));
  const second = buildCheckpoint(heads.slice(1), first, privateKey, new Date('2026-12-01T00:10:00Z'));

  it('signs the heads sorted by chain id, linked to the checkpoint before', () => {
    expect(first).toMatchObject({ sequence: 1, chains: 3, events: 6, prevHash: '0'.repeat(64) });
    expect(first.heads.map((h) => h[0])).toEqual(['broadcast:a', 'broadcast:b', 'citizen:N-1']);
    expect(second.sequence).toBe(2);
    expect(checkpointProblem(first, publicKey)).toBeNull();
    expect(
      chooseCheckpoint(
        [first, second].map((checkpoint) => ({ source: 'f', checkpoint })),
        publicKey,
      ),
    ).toMatchObject({ latest: { checkpoint: { sequence: 2 } }, problems: [] });
  });

  it.each<[string, (c: AuditCheckpoint) => AuditCheckpoint, RegExp]>([
    ['another key', (c) => buildCheckpoint(c.heads, null, other.privateKey), /signature does not verify/],
    ['an edited header', (c) => ({ ...c, events: c.events + 1 }), /signature does not verify/],
    [
      'a changed head',
      (c) => ({ ...c, heads: [['broadcast:a', 2, 'f'.repeat(64)], ...c.heads.slice(1)] }),
      /not the ones signed/,
    ],
    ['a dropped head', (c) => ({ ...c, heads: c.heads.slice(1) }), /not the ones signed/],
  ])('refuses %s', (_label, tamper, reason) => {
    expect(checkpointProblem(tamper(first), publicKey)).toMatch(reason);
  });

  it('sees a root change when any head changes, and reports checkpoints that do not link', () => {
    const sorted = [...heads].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(merkleRoot(sorted)).toBe(first.root);
    expect(merkleRoot([sorted[0], sorted[1], ['citizen:N-1', 2, 'c'.repeat(64)]])).not.toBe(first.root);
    const stranger = buildCheckpoint(heads, { ...first, signature: 'x' }, privateKey);
    const choice = chooseCheckpoint(
      [first, stranger].map((checkpoint) => ({ source: 'f', checkpoint })),
      publicKey,
    );
    expect(choice.problems).toEqual(['checkpoint 2 does not follow checkpoint 1']);
  });

  it('reads checkpoints back from the file form and from the topic messages, parts and all', () => {
    const many: CheckpointHead[] = [...Array(HEADS_PER_PART + 5).keys()].map((i) => [`c:${i}`, 1, 'a'.repeat(64)]);
    const big = buildCheckpoint(many, null, privateKey);
    const messages = checkpointMessages(big);
    expect(messages.map((m) => m.type)).toEqual([
      'audit.checkpoint_heads',
      'audit.checkpoint_heads',
      'audit.checkpoint',
    ]);
    const topic = messages.map((m) =>
      JSON.stringify({ id: 'x', topic: 't', key: 'k', type: m.type, payload: m.payload }),
    );
    const [fromTopic] = parseCheckpointLines(topic);
    expect(checkpointProblem(fromTopic, publicKey)).toBeNull();
    expect(fromTopic.heads).toHaveLength(many.length);
    // A header whose parts are not all there is no checkpoint.
    expect(parseCheckpointLines(topic.slice(1))).toEqual([]);
    const [fromFile] = parseCheckpointLines([JSON.stringify(first), '']);
    expect(fromFile).toEqual(first);
    expect(parsePublicKey(publicKey.export({ type: 'spki', format: 'der' }).toString('base64')).equals(publicKey)).toBe(
      true,
    );
  });
});
