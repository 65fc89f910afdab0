import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemberView } from '../queries/list-group-members/list-group-members.query';

export interface SealedAddress {
  id: string;
  addressCiphertext: string;
}

export interface Resealed {
  id: string;
  /** The ciphertext read; the row is changed only if it still holds this. */
  old: string;
  sealed: string;
}

/** Reads over members and their contact points for officers, and the re-sealing of addresses after a key rotation. */
@Injectable()
export class MemberDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Active members of a group, newest first, each with the contact point deliveries go to. Only address_masked is
   * read: the ciphertext never leaves the database on this path.
   */
  async activeMembers(groupId: string, limit: number, offset: number): Promise<MemberView[]> {
    return this.dataSource.query<MemberView[]>(
      `SELECT c.pseudonym, cp.address_masked AS "maskedAddress", cp.channel, c.language, ms.joined_at AS "joinedAt",
              (SELECT coalesce(array_agg(DISTINCT a.channel ORDER BY a.channel), '{}') FROM contact_point a
                WHERE a.citizen_id = c.id) AS channels
         FROM membership ms
         JOIN citizen c ON c.id = ms.citizen_id
         LEFT JOIN LATERAL (SELECT channel, address_masked FROM contact_point
                             WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                             ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
        WHERE ms.group_id = $1 AND ms.status = 'active'
        ORDER BY ms.joined_at DESC, c.pseudonym
        LIMIT $2 OFFSET $3`,
      [groupId, limit, offset],
    );
  }

  /** The next `limit` sealed addresses after `afterId`, in primary-key order (keyset pagination). */
  async sealedAddressesAfter(afterId: string, limit: number): Promise<SealedAddress[]> {
    return this.dataSource.query<SealedAddress[]>(
      `SELECT id, address_ciphertext AS "addressCiphertext" FROM contact_point WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /** Compare-and-set: a row changed meanwhile (a new address, a concurrent run) is left as it is now. */
  async reseal(rows: Resealed[]): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `WITH updated AS (
         UPDATE contact_point cp SET address_ciphertext = u.sealed
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, old, sealed)
          WHERE cp.id = u.id AND cp.address_ciphertext = u.old
         RETURNING 1)
       SELECT count(*)::int AS n FROM updated`,
      [rows.map((r) => r.id), rows.map((r) => r.old), rows.map((r) => r.sealed)],
    );
    return n;
  }

  /**
   * Addresses sealed directly by a master key other than `prefix` (the current key id and its colon); those under a
   * data key ("dk:") follow their key's wrapping.
   */
  async countSealedOtherwiseThan(prefix: string): Promise<number> {
    const [{ remaining }] = await this.dataSource.query<{ remaining: number }[]>(
      `SELECT count(*)::int AS remaining FROM contact_point
        WHERE address_ciphertext NOT LIKE $1 || '%' AND address_ciphertext NOT LIKE 'dk:%'`,
      [prefix],
    );
    return remaining;
  }
}
