import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { coversNode } from '@jansetu/identity';
import { DomainError, NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastStatus } from '../../domain/broadcast';
import { DispatchQueue } from '../../domain/dispatch-queue';
import { ControlBroadcastCommand } from './control-broadcast.command';

const ALLOWED: Record<string, BroadcastStatus[]> = {
  pause: ['sending', 'scheduled'],
  resume: ['paused'],
  cancel: ['pending_approval', 'scheduled', 'sending', 'paused'],
};

@CommandHandler(ControlBroadcastCommand)
export class ControlBroadcastHandler implements ICommandHandler<ControlBroadcastCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: DispatchQueue,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: ControlBroadcastCommand): Promise<{ status: BroadcastStatus; cancelledDeliveries: number }> {
    return this.dataSource.transaction(async (m) => {
      const [b] = await m.query<
        { status: BroadcastStatus; jurisdiction_path: string | null; buckets: number; scheduled_at: Date | null }[]
      >(`SELECT status, jurisdiction_path, buckets, scheduled_at FROM broadcast WHERE id = $1 FOR UPDATE`, [
        cmd.broadcastId,
      ]);
      const visible =
        b &&
        (b.jurisdiction_path === null
          ? cmd.officer.jurisdictionPath === null
          : coversNode(cmd.officer, b.jurisdiction_path));
      if (!visible) throw new NotFoundError(`broadcast ${cmd.broadcastId}`);
      if (!ALLOWED[cmd.action].includes(b.status)) {
        throw new DomainError('invalid_state', `cannot ${cmd.action} a broadcast that is ${b.status}`, 409);
      }
      let cancelled = 0;
      let status: BroadcastStatus;
      if (cmd.action === 'cancel') {
        status = 'cancelled';
        const rows = await m.query<{ n: number }[]>(
          `WITH c AS (UPDATE delivery SET status = 'cancelled', updated_at = now()
                       WHERE broadcast_id = $1 AND status = 'pending' RETURNING 1)
           SELECT count(*)::int AS n FROM c`,
          [cmd.broadcastId],
        );
        cancelled = rows[0].n;
      } else if (cmd.action === 'pause') {
        status = 'paused';
      } else {
        status = b.scheduled_at && b.scheduled_at.getTime() > Date.now() ? 'scheduled' : 'sending';
      }
      await m.query(`UPDATE broadcast SET status = $2, status_changed_at = now() WHERE id = $1`, [
        cmd.broadcastId,
        status,
      ]);
      if (status === 'sending') await this.queue.enqueueAll(m, cmd.broadcastId, b.buckets);
      await this.audit.record(m, {
        chainId: `broadcast:${cmd.broadcastId}`,
        type: `broadcast.${cmd.action === 'cancel' ? 'cancelled' : cmd.action === 'pause' ? 'paused' : 'resumed'}`,
        actor: { kind: 'officer', officerId: cmd.officer.id, role: cmd.officer.role },
        jurisdictionPath: b.jurisdiction_path,
        subject: { broadcastId: cmd.broadcastId },
        body: { reason: cmd.reason, cancelledDeliveries: cancelled },
      });
      return { status, cancelledDeliveries: cancelled };
    });
  }
}
