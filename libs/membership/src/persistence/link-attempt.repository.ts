import { Injectable } from '@nestjs/common';
import { BlindIndex } from '@jansetu/platform';
import { EntityManager } from 'typeorm';

/** link_code_attempt: wrong LINK codes per contact address (by keyed hash) per clock hour; older hours dropped. */
@Injectable()
export class LinkAttemptRepository {
  constructor(private readonly blindIndex: BlindIndex) {}

  /** Wrong codes from this address this hour, the row locked so concurrent guesses count one after another. */
  async failuresThisHour(m: EntityManager, channel: string, address: string): Promise<number> {
    const [row] = await m.query<{ failures: number }[]>(
      `SELECT failures FROM link_code_attempt
        WHERE channel = $1 AND address_hash = $2 AND window_start = date_trunc('hour', now()) FOR UPDATE`,
      [channel, this.blindIndex.hash(channel, address)],
    );
    return row?.failures ?? 0;
  }

  async recordFailure(m: EntityManager, channel: string, address: string): Promise<void> {
    await m.query(`DELETE FROM link_code_attempt WHERE window_start < date_trunc('hour', now()) - interval '1 hour'`);
    await m.query(
      `INSERT INTO link_code_attempt (channel, address_hash, window_start, failures)
       VALUES ($1, $2, date_trunc('hour', now()), 1)
       ON CONFLICT (channel, address_hash, window_start) DO UPDATE SET failures = link_code_attempt.failures + 1`,
      [channel, this.blindIndex.hash(channel, address)],
    );
  }
}
