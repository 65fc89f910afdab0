import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { parentPath } from '../../domain/approval-rules';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { EscalateOverdueReviewsCommand } from './escalate-reviews.command';

/**
 * Subdivision → district → HQ: an emergency review still undecided at its deadline goes to the next level with a
 * new deadline, audited on the broadcast's chain. At HQ it stays at HQ and the deadline is renewed (and audited
 * again), so an unreviewed emergency never leaves the queue quietly. Idempotent: each overdue row is locked
 * (SKIP LOCKED) and moved once per deadline.
 */
@CommandHandler(EscalateOverdueReviewsCommand)
export class EscalateOverdueReviewsHandler implements ICommandHandler<EscalateOverdueReviewsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly audit: AuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: EscalateOverdueReviewsCommand): Promise<{ escalated: number }> {
    return this.dataSource.transaction(async (m) => {
      const overdue = await this.broadcasts.lockOverdueReviews(m, cmd.limit);
      for (const r of overdue) {
        const to = parentPath(r.fromPath);
        await this.broadcasts.moveReview(m, r.id, to, this.config.EMERGENCY_REVIEW_MINUTES);
        await this.audit.record(m, {
          chainId: `broadcast:${r.id}`,
          type: 'broadcast.review_escalated',
          actor: SYSTEM_ACTOR,
          jurisdictionPath: r.jurisdictionPath,
          subject: { broadcastId: r.id },
          body: { from: r.fromPath, to, escalation: r.escalations + 1, minutes: this.config.EMERGENCY_REVIEW_MINUTES },
        });
      }
      return { escalated: overdue.length };
    });
  }
}
