import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { assertAwaitsApproval, assertDecisionExplained, assertMayDecide, mayView } from '../../domain/approval-rules';
import { BroadcastStatus } from '../../domain/broadcast';
import { nextStatus } from '../../domain/broadcast-lifecycle';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { DecideBroadcastCommand } from './decide-broadcast.command';

@CommandHandler(DecideBroadcastCommand)
export class DecideBroadcastHandler implements ICommandHandler<DecideBroadcastCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly queue: DispatchQueue,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: DecideBroadcastCommand): Promise<{ status: BroadcastStatus }> {
    assertDecisionExplained(cmd.decision, cmd.note);
    return this.dataSource.transaction(async (m) => {
      const b = await this.broadcasts.lock(m, cmd.broadcastId);
      // One outside the officer's jurisdiction answers as a missing one, as GET /broadcasts/:id does.
      if (!b || !mayView(cmd.officer, b.jurisdictionPath)) throw new NotFoundError(`broadcast ${cmd.broadcastId}`);
      assertMayDecide(cmd.officer, b);
      assertAwaitsApproval(b);
      // Waiting for approval, or an emergency already on its way (approved after the fact, never rejected).
      const status = nextStatus(b.status, cmd.decision, b.scheduledAt);
      const afterTheFact = b.status !== 'pending_approval';
      if (cmd.decision === 'approve') {
        await this.broadcasts.markApproved(m, cmd.broadcastId, status, cmd.officer.id, cmd.note);
        if (status === 'sending' && !afterTheFact) await this.queue.enqueueAll(m, cmd.broadcastId, b.buckets);
        // Approving an emergency after the fact is its review: confirmed, out of the review queue.
        if (b.category === 'emergency' && !b.reviewVerdict) {
          await this.broadcasts.markReviewed(m, cmd.broadcastId, 'emergency_confirmed', cmd.officer.id, cmd.note);
        }
      } else {
        await this.broadcasts.markRejected(m, cmd.broadcastId, cmd.note);
        await this.deliveries.cancelPendingOfBroadcast(m, cmd.broadcastId);
      }
      await this.audit.record(m, {
        chainId: `broadcast:${cmd.broadcastId}`,
        type: cmd.decision === 'approve' ? 'broadcast.approved' : 'broadcast.rejected',
        actor: officerActor(cmd.officer),
        jurisdictionPath: b.jurisdictionPath,
        subject: { broadcastId: cmd.broadcastId },
        body: { note: cmd.note, afterTheFact, status },
      });
      return { status };
    });
  }
}
