import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { assertMayDecide, assertReviewable, mayView, ReviewVerdict } from '../../domain/approval-rules';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { ReviewEmergencyCommand } from './review-emergency.command';

@CommandHandler(ReviewEmergencyCommand)
export class ReviewEmergencyHandler implements ICommandHandler<ReviewEmergencyCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: ReviewEmergencyCommand): Promise<{ verdict: ReviewVerdict }> {
    return this.dataSource.transaction(async (m) => {
      const b = await this.broadcasts.lock(m, cmd.broadcastId);
      // Outside the officer's jurisdiction it reads as absent, as a missing one does.
      if (!b || !mayView(cmd.officer, b.jurisdictionPath)) throw new NotFoundError(`broadcast ${cmd.broadcastId}`);
      assertMayDecide(cmd.officer, b);
      assertReviewable(b, cmd.verdict, cmd.note);
      await this.broadcasts.markReviewed(m, cmd.broadcastId, cmd.verdict, cmd.officer.id, cmd.note);
      await this.audit.record(m, {
        chainId: `broadcast:${cmd.broadcastId}`,
        type: 'broadcast.emergency_reviewed',
        actor: officerActor(cmd.officer),
        jurisdictionPath: b.jurisdictionPath,
        subject: { broadcastId: cmd.broadcastId, authorId: b.authorId },
        body: { verdict: cmd.verdict, note: cmd.note, status: b.status },
      });
      return { verdict: cmd.verdict };
    });
  }
}
