import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MediaKind } from '../domain/media-types';

/** An attachment as officers see it listed on a case (its bytes come from the blob store, opened on request). */
export interface CaseAttachment {
  id: string;
  status: 'pending' | 'stored' | 'refused' | 'failed';
  kind: MediaKind | null;
  mimeType: string | null;
  sizeBytes: number | null;
  /** Why it was not kept: too large, not a type officers can open, the provider failed, the sender erased it. */
  failure: string | null;
}

export interface PendingAttachment {
  id: string;
  caseId: string;
  channel: string;
  /** The provider whose webhook gave the reference (null: the channel's first). */
  provider: string | null;
  refSealed: string;
  attempts: number;
  /** The case's sealed text: the bytes are sealed under the same data key. */
  caseTextSealed: string;
}

/** `inbox_attachment` and the case's sealed location. */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(m: EntityManager, caseId: string, provider: string | null, refsSealed: string[]): Promise<void> {
    for (const [position, ref] of refsSealed.entries())
      await m.query(`INSERT INTO inbox_attachment (case_id, position, provider, ref_sealed) VALUES ($1, $2, $3, $4)`, [
        caseId,
        position,
        provider,
        ref,
      ]);
  }

  async setLocation(m: EntityManager, caseId: string, locationSealed: string): Promise<void> {
    await m.query(`UPDATE inbox_case SET location_sealed = $2 WHERE id = $1`, [caseId, locationSealed]);
  }

  /** What is still to fetch for the case filed from this inbound message. */
  async pendingOfMessage(messageId: string): Promise<PendingAttachment[]> {
    return this.dataSource.query<PendingAttachment[]>(
      `SELECT a.id, a.case_id AS "caseId", c.channel, a.provider, a.ref_sealed AS "refSealed", a.attempts,
              c.text AS "caseTextSealed"
         FROM inbox_attachment a JOIN inbox_case c ON c.id = a.case_id
        WHERE c.message_id = $1 AND a.status = 'pending' ORDER BY a.position`,
      [messageId],
    );
  }

  async failedAttempt(id: string): Promise<number> {
    const [row] = await this.dataSource.query<{ attempts: number }[]>(
      `WITH counted AS (UPDATE inbox_attachment SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts)
       SELECT attempts FROM counted`,
      [id],
    );
    return row.attempts;
  }

  async stored(id: string, kind: MediaKind, mimeType: string, sizeBytes: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_attachment SET status = 'stored', kind = $2, mime_type = $3, size_bytes = $4, stored_at = now(),
              failure = NULL
        WHERE id = $1 AND status = 'pending'`,
      [id, kind, mimeType, sizeBytes],
    );
  }

  async notKept(id: string, status: 'refused' | 'failed', failure: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_attachment SET status = $2, failure = $3 WHERE id = $1 AND status = 'pending'`,
      [id, status, failure],
    );
  }

  async ofCase(caseId: string, m: EntityManager = this.dataSource.manager): Promise<CaseAttachment[]> {
    return m.query<CaseAttachment[]>(
      `SELECT id, status, kind, mime_type AS "mimeType", size_bytes AS "sizeBytes", failure
         FROM inbox_attachment WHERE case_id = $1 ORDER BY position`,
      [caseId],
    );
  }

  async one(caseId: string, attachmentId: string): Promise<(CaseAttachment & { textSealed: string }) | undefined> {
    const [row] = await this.dataSource.query<(CaseAttachment & { textSealed: string })[]>(
      `SELECT a.id, a.status, a.kind, a.mime_type AS "mimeType", a.size_bytes AS "sizeBytes", a.failure,
              c.text AS "textSealed"
         FROM inbox_attachment a JOIN inbox_case c ON c.id = a.case_id WHERE a.case_id = $1 AND a.id = $2`,
      [caseId, attachmentId],
    );
    return row;
  }

  async locationSealed(caseId: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = await m.query<{ location_sealed: string | null }[]>(
      `SELECT location_sealed FROM inbox_case WHERE id = $1`,
      [caseId],
    );
    return row?.location_sealed ?? null;
  }
}
