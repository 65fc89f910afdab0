import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { RecordDeliveryStatusCommand } from './record-delivery-status.command';

/**
 * Moves a delivery forward only: sent → delivered → read, or sent → failed. Receipts arrive late, twice and out of
 * order (providers retry); a stale one changes nothing. An opted-out verdict closes the contact point for good.
 */
@CommandHandler(RecordDeliveryStatusCommand)
export class RecordDeliveryStatusHandler implements ICommandHandler<RecordDeliveryStatusCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(cmd: RecordDeliveryStatusCommand): Promise<{ updated: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<{ id: string; contact_point_id: string }[]>(
        `WITH changed AS (
           UPDATE delivery SET status = $2,
                  failure = CASE WHEN $2 = 'failed' THEN coalesce($3, 'failed') || coalesce(' ' || $4, '') ELSE failure END,
                  delivered_at = CASE WHEN $2 IN ('delivered', 'read') THEN coalesce(delivered_at, now()) ELSE delivered_at END,
                  read_at = CASE WHEN $2 = 'read' THEN now() ELSE read_at END,
                  updated_at = now()
            WHERE provider_message_id = $1
              AND CASE $2 WHEN 'delivered' THEN status IN ('sending', 'sent')
                          WHEN 'read' THEN status IN ('sending', 'sent', 'delivered')
                          WHEN 'failed' THEN status IN ('sending', 'sent')
                          ELSE false END
           RETURNING id, contact_point_id)
         SELECT * FROM changed`,
        [cmd.providerMessageId, cmd.state, cmd.failure ?? null, cmd.errorCode ?? null],
      );
      if (rows.length && cmd.failure === 'recipient-opted-out') {
        await m.query(`UPDATE contact_point SET opted_out_at = now(), active = false WHERE id = $1`, [
          rows[0].contact_point_id,
        ]);
      }
      return { updated: rows.length > 0 };
    });
  }
}
