import { Command } from '@nestjs/cqrs';

export interface CheckpointResult {
  /** False when no signing key is configured, or (unless forced) nothing changed since the last checkpoint. */
  created: boolean;
  reason?: 'no-signing-key' | 'unchanged';
  sequence: number | null;
  chains: number;
  events: number;
  /** Size of the heads as stored and published. */
  bytes: number;
  root: string | null;
  /** The file the outside copy was appended to, when a checkpoint directory is configured. */
  file?: string;
}

/** Signs the head of every audit chain the store holds (the dispatcher's job, or `cli audit:checkpoint`). */
export class CreateAuditCheckpointCommand extends Command<CheckpointResult> {
  constructor(readonly force = false) {
    super();
  }
}
