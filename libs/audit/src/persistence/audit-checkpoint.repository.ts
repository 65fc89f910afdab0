import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditCheckpoint, CheckpointHead, SignedCheckpoint } from '../domain/audit-checkpoint';
import { Queryable } from './audit-sql';

/** Newest checkpoints that keep their heads in the database; older ones keep only the signed header. */
const HEADS_KEPT = 10;
/** Checkpoint number the advisory lock is taken on, so two dispatchers never sign the same sequence. */
const CHECKPOINT_LOCK = 7_316_002;

/** `audit_checkpoint`, and the store's chain heads a checkpoint signs. */
@Injectable()
export class AuditCheckpointRepository {
  /** Held until the transaction ends. */
  async lock(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [CHECKPOINT_LOCK]);
  }

  /**
   * The newest stored event of every chain the recorder knows: what the auditors' store holds now, so verifying the
   * store against it never mistakes a projection that lags for a removal. One index probe per chain.
   */
  async storeHeads(q: Queryable): Promise<CheckpointHead[]> {
    const rows = await q.query<{ c: string; s: string; h: string }[]>(
      `SELECT c.chain_id AS c, e.chain_seq AS s, e.hash AS h FROM audit_chain c
        CROSS JOIN LATERAL (SELECT chain_seq, hash FROM audit_event e WHERE e.chain_id = c.chain_id
                             ORDER BY chain_seq DESC LIMIT 1) e`,
    );
    return rows.map((r) => [r.c, Number(r.s), r.h]);
  }

  async latest(q: Queryable): Promise<SignedCheckpoint | null> {
    const [row] = await q.query<{ checkpoint: SignedCheckpoint }[]>(
      `SELECT checkpoint FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1`,
    );
    return row?.checkpoint ?? null;
  }

  async latestHeads(q: Queryable): Promise<CheckpointHead[] | null> {
    const [row] = await q.query<{ heads: string | null }[]>(
      `SELECT heads FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1`,
    );
    return row?.heads ? (JSON.parse(row.heads) as CheckpointHead[]) : null;
  }

  async save(m: EntityManager, c: AuditCheckpoint): Promise<number> {
    const { heads, ...signed } = c;
    const text = JSON.stringify(heads);
    await m.query(`INSERT INTO audit_checkpoint (sequence, created_at, checkpoint, heads) VALUES ($1, $2, $3, $4)`, [
      c.sequence,
      c.createdAt,
      JSON.stringify(signed),
      text,
    ]);
    await m.query(`UPDATE audit_checkpoint SET heads = NULL WHERE sequence <= $1 AND heads IS NOT NULL`, [
      c.sequence - HEADS_KEPT,
    ]);
    return text.length;
  }

  /** Signed headers from `fromSequence` on, oldest first. */
  async headersFrom(q: Queryable, fromSequence: number): Promise<SignedCheckpoint[]> {
    const rows = await q.query<{ checkpoint: SignedCheckpoint }[]>(
      `SELECT checkpoint FROM audit_checkpoint WHERE sequence >= $1 ORDER BY sequence`,
      [fromSequence],
    );
    return rows.map((r) => r.checkpoint);
  }

  async headsOf(q: Queryable, sequence: number): Promise<CheckpointHead[] | null> {
    const [row] = await q.query<{ heads: string | null }[]>(`SELECT heads FROM audit_checkpoint WHERE sequence = $1`, [
      sequence,
    ]);
    return row?.heads ? (JSON.parse(row.heads) as CheckpointHead[]) : null;
  }

  /** Whether the store holds an event older than `minutes`: by then a checkpoint should exist. */
  async hasEventsOlderThan(q: Queryable, minutes: number): Promise<boolean> {
    const [row] = await q.query<{ old: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM audit_event WHERE occurred_at < now() - make_interval(mins => $1)) AS old`,
      [minutes],
    );
    return row.old;
  }
}
