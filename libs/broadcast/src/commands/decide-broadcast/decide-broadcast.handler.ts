import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastStatus } from '../../domain/broadcast';
import { DispatchQueue } from '../../domain/dispatch-queue';
import { DecideBroadcastCommand } from './decide-broadcast.command';

interface Row {
  author_id: string;
  status: BroadcastStatus;
  needs_approval: boolean;
  approved_at: Date | null;
  jurisdiction_path: string | null;
  scheduled_at: Date | null;
  buckets: number;
}

@CommandHandler(DecideBroadcastCommand)
export class DecideBroadcastHandler implements ICommandHandler<DecideBroadcastCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: DispatchQueue,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: DecideBroadcastCommand): Promise<{ status: BroadcastStatus }> {
    if (cmd.decision === 'reject' && !cmd.note?.trim())
      throw new ValidationError('a rejection needs a reason / कारण आवश्यक है');
    return this.dataSource.transaction(async (m) => {
      const [b] = await m.query<Row[]>(
        `SELECT author_id, status, needs_approval, approved_at, jurisdiction_path, scheduled_at, buckets
           FROM broadcast WHERE id = $1 FOR UPDATE`,
        [cmd.broadcastId],
      );
      if (!b) throw new NotFoundError(`broadcast ${cmd.broadcastId}`);
      if (b.author_id === cmd.officer.id)
        throw new ForbiddenError('the author cannot approve their own broadcast / लेखक स्वयं अनुमोदन नहीं कर सकता');
      // The approver's jurisdiction must strictly contain the broadcast's: the parent level or above.
      const own = cmd.officer.jurisdictionPath;
      const above =
        own === null ||
        (b.jurisdiction_path !== null && b.jurisdiction_path.startsWith(own) && b.jurisdiction_path !== own);
      if (!above)
        throw new ForbiddenError('only an officer of a parent jurisdiction may decide / केवल उच्च क्षेत्राधिकार के अधिकारी');
      // Waiting for approval, or an emergency already on its way; never a rejected or cancelled broadcast.
      const decidable = ['pending_approval', 'scheduled', 'sending', 'paused', 'completed'].includes(b.status);
      if (!b.needs_approval || b.approved_at || !decidable) {
        throw new DomainError('not_pending', `this broadcast awaits no approval (it is ${b.status})`, 409);
      }
      const afterTheFact = b.status !== 'pending_approval'; // an emergency already on its way
      let status: BroadcastStatus = b.status;
      if (cmd.decision === 'approve') {
        if (!afterTheFact) status = b.scheduled_at && b.scheduled_at.getTime() > Date.now() ? 'scheduled' : 'sending';
        await m.query(
          `UPDATE broadcast SET status = $2, approved_by = $3, approved_at = now(), approval_note = $4, status_changed_at = now() WHERE id = $1`,
          [cmd.broadcastId, status, cmd.officer.id, cmd.note],
        );
        if (status === 'sending' && !afterTheFact) await this.queue.enqueueAll(m, cmd.broadcastId, b.buckets);
      } else {
        if (afterTheFact)
          throw new DomainError(
            'already_sent',
            'an emergency already sent can be reviewed, not rejected; cancel it instead',
            409,
          );
        status = 'rejected';
        await m.query(
          `UPDATE broadcast SET status = 'rejected', approval_note = $2, status_changed_at = now() WHERE id = $1`,
          [cmd.broadcastId, cmd.note],
        );
        await m.query(`UPDATE delivery SET status = 'cancelled' WHERE broadcast_id = $1 AND status = 'pending'`, [
          cmd.broadcastId,
        ]);
      }
      await this.audit.record(m, {
        chainId: `broadcast:${cmd.broadcastId}`,
        type: cmd.decision === 'approve' ? 'broadcast.approved' : 'broadcast.rejected',
        actor: { kind: 'officer', officerId: cmd.officer.id, role: cmd.officer.role },
        jurisdictionPath: b.jurisdiction_path,
        subject: { broadcastId: cmd.broadcastId },
        body: { note: cmd.note, afterTheFact, status },
      });
      return { status };
    });
  }
}
