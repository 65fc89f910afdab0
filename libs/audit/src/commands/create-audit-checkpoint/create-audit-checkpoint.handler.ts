import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig, Outbox, parseEd25519PrivateKey, Topics } from '@jansetu/platform';
import { KeyObject, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildCheckpoint, checkpointMessages } from '../../domain/audit-checkpoint';
import { AuditCheckpointFile } from '../../persistence/audit-checkpoint.file';
import { AuditCheckpointRepository } from '../../persistence/audit-checkpoint.repository';
import { CheckpointResult, CreateAuditCheckpointCommand } from './create-audit-checkpoint.command';

/** Topic key of every checkpoint message: one partition, so parts and headers stay in order. */
export const CHECKPOINT_KEY = 'audit-checkpoints';

/**
 * Load the store's heads → sign them as the next checkpoint → save it with its topic messages in one transaction →
 * append the outside copy. The key comes from the environment and is never written to the database.
 */
@CommandHandler(CreateAuditCheckpointCommand)
export class CreateAuditCheckpointHandler implements ICommandHandler<CreateAuditCheckpointCommand> {
  private readonly key: KeyObject | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly file: AuditCheckpointFile,
  ) {
    this.key = config.AUDIT_SIGNING_KEY ? parseEd25519PrivateKey(config.AUDIT_SIGNING_KEY) : null;
  }

  async execute({ force }: CreateAuditCheckpointCommand): Promise<CheckpointResult> {
    const empty = { sequence: null, chains: 0, events: 0, bytes: 0, root: null };
    if (!this.key) return { created: false, reason: 'no-signing-key', ...empty };
    const key = this.key;
    const made = await this.dataSource.transaction(async (m) => {
      await this.checkpoints.lock(m);
      const previous = await this.checkpoints.latest(m);
      const checkpoint = buildCheckpoint(await this.checkpoints.storeHeads(m), previous, key);
      // A quiet log needs no new checkpoint: the last one still describes every chain.
      if (!force && previous && previous.root === checkpoint.root) return { checkpoint, bytes: 0, saved: false };
      const bytes = await this.checkpoints.save(m, checkpoint);
      for (const message of checkpointMessages(checkpoint)) {
        await this.outbox.add(m, { id: randomUUID(), topic: Topics.auditCheckpoints, key: CHECKPOINT_KEY, ...message });
      }
      return { checkpoint, bytes, saved: true };
    });
    const { checkpoint: c, bytes, saved } = made;
    const summary = { chains: c.chains, events: c.events, root: c.root };
    if (!saved) return { created: false, reason: 'unchanged', sequence: c.sequence - 1, bytes, ...summary };
    const dir = this.config.AUDIT_CHECKPOINT_DIR;
    const file = dir ? this.file.append(dir, c) : undefined;
    return { created: true, sequence: c.sequence, bytes, ...summary, ...(file ? { file } : {}) };
  }
}
