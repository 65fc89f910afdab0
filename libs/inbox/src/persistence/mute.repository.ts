import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface Mute {
  senderKey: string;
  nodeId: string;
  mutedBy: string;
  reason: string | null;
}

/** inbox_mute: senders an inbox keeps in its filtered queue without a reply. */
@Injectable()
export class MuteRepository {
  /** True when the mute is new; muting a sender twice at one inbox changes nothing. */
  async mute(m: EntityManager, mute: Mute): Promise<boolean> {
    const added = await m.query<unknown[]>(
      `INSERT INTO inbox_mute (sender_key, node_id, muted_by, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [mute.senderKey, mute.nodeId, mute.mutedBy, mute.reason],
    );
    return added.length > 0;
  }
}
