import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The inbox's links to a citizen who asked for erasure. */
@Injectable()
export class ErasedSendersRepository {
  /** Cases keep their text and pseudonym; nothing on them leads back to the citizen any more. */
  async unlinkCases(m: EntityManager, citizenId: string, senderKeys: string[]): Promise<void> {
    await m.query(
      `UPDATE inbox_case SET citizen_id = NULL, contact_point_id = NULL, sender_sealed = NULL, updated_at = now()
        WHERE citizen_id = $1 OR sender_key = ANY($2)`,
      [citizenId, senderKeys],
    );
  }
}
