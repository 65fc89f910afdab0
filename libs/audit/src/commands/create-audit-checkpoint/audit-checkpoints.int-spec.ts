import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Topics } from '@jansetu/platform';
import { ContextModule, contextModule } from '@jansetu/testing';
// eslint-disable-next-line no-restricted-imports
import { verifyInputs } from '../../../../../scripts/verify-audit-chain';
import { AuditCheckpoint, buildCheckpoint, parseCheckpointLines, parsePublicKey } from '../../domain/audit-checkpoint';
import { AuditEvent, hashAuditEvent } from '../../domain/audit-event';
import { AuditRecorder, SYSTEM_ACTOR } from '../../domain/audit-recorder';
import { AuditChainVerifier } from '../../domain/chain-verifier';
import { ProjectAuditEventCommand } from '../project-audit-event/project-audit-event.command';
import { VerifyAuditChainsQuery } from '../../queries/verify-audit-chains/verify-audit-chains.query';
import { CreateAuditCheckpointCommand } from './create-audit-checkpoint.command';

/**
 * The insider with a copy of the database: drops the append-only trigger and edits as they please, consistently.
 * Whoever holds the public key and a checkpoint signed before the edit must see it at once.
 */
describe('signed audit checkpoints against an insider who rewrites the database', () => {
  let ctx: ContextModule;
  const dir = mkdtempSync(join(tmpdir(), 'jansetu-checkpoints-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const chain = (name: string) => `test:${name}`;

  async function record(name: string, count: number): Promise<void> {
    const recorder = ctx.app.get(AuditRecorder);
    for (let n = 0; n < count; n++) {
      await ctx.dataSource.transaction((m) =>
        recorder.record(m, {
          chainId: chain(name),
          type: 'test.act',
          actor: SYSTEM_ACTOR,
          jurisdictionPath: null,
          subject: { name },
          body: { n },
        }),
      );
    }
  }

  async function project(): Promise<void> {
    const rows = await ctx.dataSource.query<{ event: AuditEvent }[]>(
      `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 AND published_at IS NULL ORDER BY seq`,
      [Topics.audit],
    );
    await ctx.commands.execute(new ProjectAuditEventCommand(rows.map((r) => r.event)));
    await ctx.dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE topic = $1`, [Topics.audit]);
  }

  const verify = (chainId?: string, checkpoint?: AuditCheckpoint) =>
    ctx.queries.execute(new VerifyAuditChainsQuery({ scopePath: null, chainId, maxEvents: 1_000_000, checkpoint }));

  const storedEvents = async () =>
    (
      await ctx.dataSource.query<{ event: AuditEvent }[]>(`SELECT event FROM audit_event ORDER BY chain_id, chain_seq`)
    ).map((r) => r.event);

  const fileCheckpoints = () =>
    readdirSync(dir).flatMap((f) => parseCheckpointLines(readFileSync(join(dir, f), 'utf8').split('\n')));

  /** The standalone script over the store's NDJSON, held to the outside copy of the checkpoints. */
  async function script(extra: AuditCheckpoint[] = []) {
    const ndjson = (await storedEvents()).map((e) => `${JSON.stringify(e)}\n`).join('');
    return verifyInputs([Readable.from([ndjson])], false, {
      publicKey: parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
      checkpoints: [...fileCheckpoints(), ...extra],
    });
  }

  const attacker = {
    dropTrigger: () => ctx.dataSource.query(`DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event`),
    async rewrite(name: string): Promise<void> {
      const events = (await storedEvents()).filter((e) => e.chainId === chain(name));
      let prevHash = events[0].prevHash;
      for (const e of events) {
        const unsigned = { ...e, body: { n: 'nothing happened' }, prevHash };
        const forged = { ...unsigned, hash: hashAuditEvent(unsigned) };
        await ctx.dataSource.query(`UPDATE audit_event SET event = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
          e.id,
          JSON.stringify(forged),
          forged.prevHash,
          forged.hash,
        ]);
        prevHash = forged.hash;
      }
      await ctx.dataSource.query(`UPDATE audit_chain SET last_hash = $2 WHERE chain_id = $1`, [chain(name), prevHash]);
    },
  };

  beforeAll(async () => {
    ctx = await contextModule(inject('runPrefix'), 'audit_checkpoints', [], {
      AUDIT_SIGNING_KEY: pem,
      AUDIT_CHECKPOINT_DIR: dir,
    });
    await record('a', 3);
    await record('b', 2);
    await record('c', 3);
    await record('d', 2);
    await project();
    expect(await ctx.commands.execute(new CreateAuditCheckpointCommand())).toMatchObject({
      created: true,
      sequence: 1,
      chains: 4,
      events: 10,
    });
    // Events after the checkpoint are the next checkpoint's business, not a finding.
    await record('d', 1);
    await project();
  });
  afterAll(async () => ctx?.close());

  it('holds untouched chains to the signed heads, in the API and in the script, and skips a quiet log', async () => {
    expect(await verify()).toMatchObject({
      ok: true,
      checkpoint: { sequence: 1, chains: 4, events: 10, source: 'store' },
      checkpointedChains: 4,
      checkpointProblems: [],
    });
    const run = await script();
    expect(run).toMatchObject({ exitCode: 0, checkpoint: { sequence: 1, chains: 4 }, checkpointProblems: [] });
    expect(run.summary.checkpointedChains).toBe(4);
    expect(fileCheckpoints()).toHaveLength(1);

    // The outside copy went to the topic too: the heads, then the signed header.
    const published = await ctx.dataSource.query<{ type: string }[]>(
      `SELECT type FROM outbox_message WHERE topic = $1 ORDER BY seq`,
      [Topics.auditCheckpoints],
    );
    expect(published.map((p) => p.type)).toEqual(['audit.checkpoint_heads', 'audit.checkpoint']);
    expect(await ctx.commands.execute(new CreateAuditCheckpointCommand())).toMatchObject({
      created: true,
      sequence: 2,
    });
    expect(await ctx.commands.execute(new CreateAuditCheckpointCommand())).toMatchObject({
      created: false,
      reason: 'unchanged',
    });
  });

  it('catches a consistent rewrite of a whole chain with its head at once', async () => {
    await attacker.dropTrigger();
    await attacker.rewrite('a');
    // Without the checkpoint the rewrite is perfect: every hash and link holds.
    const unsigned = new AuditChainVerifier({ ordered: true });
    for (const e of await storedEvents()) unsigned.add(e);
    expect(unsigned.finish().ok).toBe(true);

    const result = await verify(chain('a'));
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ chainId: chain('a'), chainSeq: 3 });
    expect(result.firstBreak!.reason).toMatch(/rewritten/);
    const run = await script();
    expect(run.exitCode).toBe(1);
    expect(run.summary.breaks.map((b) => b.chainId)).toEqual([chain('a')]);
  });

  it('catches a removed chain with its head at once', async () => {
    await ctx.dataSource.query(`DELETE FROM audit_event WHERE chain_id = $1`, [chain('b')]);
    await ctx.dataSource.query(`DELETE FROM audit_chain WHERE chain_id = $1`, [chain('b')]);
    const result = await verify(chain('b'));
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ chainId: chain('b'), chainSeq: 1, eventId: null });
    expect(result.firstBreak!.reason).toMatch(/removed/);
    const run = await script();
    expect(run.summary.breaks.map((b) => b.chainId)).toEqual([chain('a'), chain('b')]);
  });

  it('catches a removed newest event at once, without waiting for the chain to go quiet', async () => {
    const [newest] = await ctx.dataSource.query<{ prev_hash: string }[]>(
      `SELECT prev_hash FROM audit_event WHERE chain_id = $1 AND chain_seq = 3`,
      [chain('c')],
    );
    await ctx.dataSource.query(`DELETE FROM audit_event WHERE chain_id = $1 AND chain_seq = 3`, [chain('c')]);
    await ctx.dataSource.query(`UPDATE audit_chain SET seq = 2, last_hash = $2 WHERE chain_id = $1`, [
      chain('c'),
      newest.prev_hash,
    ]);
    const result = await verify(chain('c'));
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ chainId: chain('c'), chainSeq: 3 });
    expect(result.firstBreak!.reason).toMatch(/missing/);
    const run = await script();
    expect(run.summary.breaks.map((b) => b.chainId)).toEqual([chain('a'), chain('b'), chain('c')]);
    // The state-wide run finds all three, and the untouched chain still holds.
    expect(await verify()).toMatchObject({ ok: false, brokenChains: 3, checkpointedChains: 1 });
  });

  it('refuses a forged checkpoint, in the request, in the store and beside the files', async () => {
    const { privateKey: insiderKey } = generateKeyPairSync('ed25519');
    const [latest] = await ctx.dataSource.query<{ checkpoint: AuditCheckpoint }[]>(
      `SELECT checkpoint FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1`,
    );
    const heads = (await storedEvents()).reduce<Map<string, AuditEvent>>((m, e) => m.set(e.chainId, e), new Map());
    const forged = buildCheckpoint(
      [...heads.values()].map((e) => [e.chainId, e.chainSeq, e.hash]),
      latest.checkpoint,
      insiderKey,
    );

    const given = await verify(undefined, forged);
    expect(given.ok).toBe(false);
    expect(given.checkpointProblems!.join('\n')).toMatch(/checkpoint 3: the signature does not verify.*\[given\]/);
    // The genuine checkpoint still holds the chains: the forgery hides nothing.
    expect(given).toMatchObject({ checkpoint: { sequence: 2 }, brokenChains: 3 });

    // Planted in the store, it is refused the same way.
    const { heads: forgedHeads, ...signed } = forged;
    await ctx.dataSource.query(
      `INSERT INTO audit_checkpoint (sequence, created_at, checkpoint, heads) VALUES ($1, $2, $3, $4)`,
      [forged.sequence, forged.createdAt, JSON.stringify(signed), JSON.stringify(forgedHeads)],
    );
    const stored = await verify();
    expect(stored).toMatchObject({ ok: false, checkpoint: { sequence: 2 }, brokenChains: 3 });
    expect(stored.checkpointProblems!.join('\n')).toMatch(/checkpoint 3: the signature does not verify.*\[store\]/);

    const run = await script([forged]);
    expect(run.exitCode).toBe(1);
    expect(run.checkpointProblems!.join('\n')).toMatch(/checkpoint 3: the signature does not verify/);
    expect(run.checkpoint).toMatchObject({ sequence: 2 });
  });

  it('reports checkpoints removed from the store', async () => {
    await ctx.dataSource.query(`DELETE FROM audit_checkpoint`);
    const outside = fileCheckpoints().at(-1)!;
    const result = await verify(undefined, outside);
    expect(result).toMatchObject({ ok: false, checkpoint: { sequence: 2, source: 'given' }, brokenChains: 3 });
    expect(result.checkpointProblems).toEqual(['checkpoint 2 [given] is missing from the store (removed or replaced)']);
    // Asked without one, the store's answer cannot pass for clean once its checkpoints should exist.
    await ctx.dataSource.query(`UPDATE audit_event SET occurred_at = now() - interval '1 hour'`);
    const alone = await verify();
    expect(alone).toMatchObject({ ok: false, checkpoint: null });
    expect(alone.checkpointProblems).toEqual([
      'no signed checkpoint in the store, though it holds events older than 20 minutes (removed?)',
    ]);
  });
});
