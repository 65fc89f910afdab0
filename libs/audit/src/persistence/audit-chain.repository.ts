import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChainStart, GENESIS_HASH } from '../domain/audit-event';
import { Queryable } from './audit-sql';

/** `audit_chain`: the head (last sequence and hash) of every chain the recorder appends to. */
@Injectable()
export class AuditChainRepository {
  /** The chain's head, created at genesis if new, locked until the caller's transaction ends. */
  async lockHead(m: EntityManager, chainId: string): Promise<ChainStart> {
    await m.query(`INSERT INTO audit_chain (chain_id, seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [
      chainId,
      GENESIS_HASH,
    ]);
    const [head] = await m.query<{ seq: string; last_hash: string }[]>(
      `SELECT seq, last_hash FROM audit_chain WHERE chain_id = $1 FOR UPDATE`,
      [chainId],
    );
    return { seq: Number(head.seq), hash: head.last_hash };
  }

  async advanceHead(m: EntityManager, chainId: string, seq: number, hash: string): Promise<void> {
    await m.query(`UPDATE audit_chain SET seq = $2, last_hash = $3, updated_at = now() WHERE chain_id = $1`, [
      chainId,
      seq,
      hash,
    ]);
  }

  async isRecorded(q: Queryable, chainId: string): Promise<boolean> {
    const rows = await q.query<unknown[]>(`SELECT 1 FROM audit_chain WHERE chain_id = $1`, [chainId]);
    return rows.length > 0;
  }

  /** Heads that moved longer ago than `settledAfter` (an interval) with nothing of their chain left in the outbox. */
  settledHeads(q: Queryable, chainIds: string[], settledAfter: string): Promise<{ chainId: string; seq: number }[]> {
    return q.query(
      `SELECT c.chain_id AS "chainId", c.seq::int AS seq FROM audit_chain c
        WHERE c.chain_id = ANY($1::text[]) AND c.updated_at < now() - $2::interval
          AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.published_at IS NULL AND o.key = c.chain_id)`,
      [chainIds, settledAfter],
    );
  }

  /** Chains the recorder wrote to that have no event left in the store. */
  async withoutStoredEvents(q: Queryable): Promise<string[]> {
    const rows = await q.query<{ chain_id: string }[]>(
      `SELECT c.chain_id FROM audit_chain c
        WHERE c.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.chain_id = c.chain_id)`,
    );
    return rows.map((r) => r.chain_id);
  }
}
