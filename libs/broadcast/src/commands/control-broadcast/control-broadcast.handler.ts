import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { mayView } from '../../domain/approval-rules';
import { BroadcastStatus } from '../../domain/broadcast';
import { nextStatus } from '../../domain/broadcast-lifecycle';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { ControlBroadcastCommand } from './control-broadcast.command';

const AUDIT_TYPE = { pause: 'broadcast.paused', resume: 'broadcast.resumed', cancel: 'broadcast.cancelled' } as const;

@CommandHandler(ControlBroadcastCommand)
export class ControlBroadcastHandler implements ICommandHandler<ControlBroadcastCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly queue: DispatchQueue,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: ControlBroadcastCommand): Promise<{ status: BroadcastStatus; cancelledDeliveries: number }> {
    return this.dataSource.transaction(async (m) => {
      const b = await this.broadcasts.lock(m, cmd.broadcastId);
      // Outside the officer's jurisdiction reads as absent: no hint that it exists.
      if (!b || !mayView(cmd.officer, b.jurisdictionPath)) throw new NotFoundError(`broadcast ${cmd.broadcastId}`);
      const status = nextStatus(b.status, cmd.action, b.scheduledAt);
      const cancelled = status === 'cancelled' ? await this.deliveries.cancelPendingOfBroadcast(m, cmd.broadcastId) : 0;
      await this.broadcasts.setStatus(m, cmd.broadcastId, status);
      if (status === 'sending') await this.queue.enqueueAll(m, cmd.broadcastId, b.buckets);
      await this.audit.record(m, {
        chainId: `broadcast:${cmd.broadcastId}`,
        type: AUDIT_TYPE[cmd.action],
        actor: officerActor(cmd.officer),
        jurisdictionPath: b.jurisdictionPath,
        subject: { broadcastId: cmd.broadcastId },
        body: { reason: cmd.reason, cancelledDeliveries: cancelled },
      });
      return { status, cancelledDeliveries: cancelled };
    });
  }
}
