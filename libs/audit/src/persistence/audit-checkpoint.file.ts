import { Injectable } from '@nestjs/common';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditCheckpoint } from '../domain/audit-checkpoint';

/**
 * The copy outside the database: one JSON line per checkpoint, a file per UTC day. Appended after the checkpoint
 * committed, so the file never holds one the store does not.
 */
@Injectable()
export class AuditCheckpointFile {
  append(dir: string, c: AuditCheckpoint): string {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${c.createdAt.slice(0, 10)}.jsonl`);
    appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
    return file;
  }
}
