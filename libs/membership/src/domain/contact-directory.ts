import { Injectable } from '@nestjs/common';
import { BlindIndex, FieldCipher, maskAddress } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { newPseudonym } from './pseudonym';

/** A stored contact point and the citizen it belongs to; never the address. */
export interface ContactRef {
  citizenId: string;
  contactPointId: string;
  pseudonym: string;
}

/**
 * Finds and stores citizens' contact points: the address sealed with FieldCipher, found again through the keyed
 * blind index, shown to officers only masked. A citizen gets deliveries on exactly one preferred contact point.
 */
@Injectable()
export class ContactDirectory {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  async find(m: EntityManager, channel: string, address: string): Promise<ContactRef | undefined> {
    const rows: ContactRef[] = await m.query(
      `SELECT cp.citizen_id AS "citizenId", cp.id AS "contactPointId", c.pseudonym
         FROM contact_point cp JOIN citizen c ON c.id = cp.citizen_id
        WHERE cp.channel = $1 AND cp.address_hash = $2`,
      [channel, this.blindIndex.hash(channel, address)],
    );
    return rows[0];
  }

  /** Stores a contact point for a new citizen, or for an existing one (linking), and makes it the preferred one. */
  async create(m: EntityManager, channel: string, address: string, citizenId?: string): Promise<ContactRef> {
    let citizen: { id: string; pseudonym: string };
    if (citizenId) {
      [citizen] = await m.query<{ id: string; pseudonym: string }[]>(
        `SELECT id, pseudonym FROM citizen WHERE id = $1`,
        [citizenId],
      );
      await m.query(`UPDATE contact_point SET preferred = false WHERE citizen_id = $1 AND preferred`, [citizenId]);
    } else {
      [citizen] = await m.query<{ id: string; pseudonym: string }[]>(
        `INSERT INTO citizen (pseudonym) VALUES ($1) RETURNING id, pseudonym`,
        [newPseudonym()],
      );
    }
    const [cp] = await m.query<{ id: string }[]>(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5, true, now()) RETURNING id`,
      [citizen.id, channel, this.cipher.encrypt(address), this.blindIndex.hash(channel, address), maskAddress(address)],
    );
    return { citizenId: citizen.id, contactPointId: cp.id, pseudonym: citizen.pseudonym };
  }

  /** Deliveries go to this contact point from now on (the old preferred one is demoted first: one per citizen). */
  async prefer(m: EntityManager, citizenId: string, contactPointId: string): Promise<void> {
    await m.query(`UPDATE contact_point SET preferred = false WHERE citizen_id = $1 AND preferred AND id <> $2`, [
      citizenId,
      contactPointId,
    ]);
    await m.query(`UPDATE contact_point SET preferred = true WHERE id = $1`, [contactPointId]);
  }
}
