import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What happens to a citizen's queued deliveries when membership tells that they left, stopped or were erased. */
@Injectable()
export class CitizenDeliveriesRepository {
  /** Cancels the pending deliveries that only this group brought (another group of the audience keeps them). */
  async cancelForLeftGroup(m: EntityManager, citizenId: string, groupId: string): Promise<void> {
    await m.query(
      `UPDATE delivery d SET status = 'cancelled', failure = 'left-group', updated_at = now()
         FROM broadcast b
        WHERE b.id = d.broadcast_id AND d.citizen_id = $1 AND d.status = 'pending'
          AND coalesce(b.audience -> 'groupIds', '[]'::jsonb) ? $2
          AND NOT EXISTS (SELECT 1 FROM membership m
                           WHERE m.citizen_id = $1 AND m.status = 'active'
                             AND coalesce(b.audience -> 'groupIds', '[]'::jsonb) ? m.group_id::text)`,
      [citizenId, groupId],
    );
  }

  /** STOP: nothing queued for the citizen goes out. */
  async cancelForOptOut(m: EntityManager, citizenId: string): Promise<void> {
    await m.query(
      `UPDATE delivery SET status = 'cancelled', failure = 'opted-out', updated_at = now()
        WHERE citizen_id = $1 AND status = 'pending'`,
      [citizenId],
    );
  }

  /** ERASE: queued deliveries fail as erased (their contact point is gone). */
  async failForErasure(m: EntityManager, citizenId: string): Promise<void> {
    await m.query(
      `UPDATE delivery SET status = 'failed', failure = 'erased', updated_at = now()
        WHERE citizen_id = $1 AND status = 'pending'`,
      [citizenId],
    );
  }
}
