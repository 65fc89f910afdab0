import { Injectable } from '@nestjs/common';
import { BlindIndex, DataKeys, FieldCipher, maskContact } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { Language } from '../domain/citizen-command';
import { newPseudonym } from '../domain/pseudonym';

/** A stored contact point and the citizen it belongs to; never the address. */
export interface ContactRef {
  citizenId: string;
  contactPointId: string;
  pseudonym: string;
  /** The language the citizen chose (LANG …); replies come in it. */
  language: string;
}

/**
 * The citizen aggregate: `citizen`, its contact points and link codes. Addresses are sealed under the sender's data
 * key (DataKeys, the key ERASE destroys), found
 * again through the keyed blind index and shown to officers only masked. A citizen gets deliveries on exactly one
 * preferred contact point. Every method runs in the caller's transaction.
 */
@Injectable()
export class CitizenRepository {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly keys: DataKeys,
  ) {}

  async findContact(m: EntityManager, channel: string, address: string): Promise<ContactRef | undefined> {
    const rows: ContactRef[] = await m.query(
      `SELECT cp.citizen_id AS "citizenId", cp.id AS "contactPointId", c.pseudonym, c.language
         FROM contact_point cp JOIN citizen c ON c.id = cp.citizen_id
        WHERE cp.channel = $1 AND cp.address_hash = $2`,
      [channel, this.blindIndex.hash(channel, address)],
    );
    return rows[0];
  }

  /** Stores a contact point for a new citizen, or for an existing one (linking), and makes it the preferred one. */
  async createContact(m: EntityManager, channel: string, address: string, citizenId?: string): Promise<ContactRef> {
    let citizen: { id: string; pseudonym: string; language: string };
    if (citizenId) {
      [citizen] = await m.query<{ id: string; pseudonym: string; language: string }[]>(
        `SELECT id, pseudonym, language FROM citizen WHERE id = $1`,
        [citizenId],
      );
      await m.query(`UPDATE contact_point SET preferred = false WHERE citizen_id = $1 AND preferred`, [citizenId]);
    } else {
      [citizen] = await m.query<{ id: string; pseudonym: string; language: string }[]>(
        `INSERT INTO citizen (pseudonym) VALUES ($1) RETURNING id, pseudonym, language`,
        [newPseudonym()],
      );
    }
    const [cp] = await m.query<{ id: string }[]>(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5, true, now()) RETURNING id`,
      [
        citizen.id,
        channel,
        await this.keys.sealFor(channel, address, address, m),
        this.blindIndex.hash(channel, address),
        maskContact(channel, address),
      ],
    );
    return { citizenId: citizen.id, contactPointId: cp.id, pseudonym: citizen.pseudonym, language: citizen.language };
  }

  /** Deliveries go to this contact point from now on (the old preferred one is demoted first: one per citizen). */
  async prefer(m: EntityManager, citizenId: string, contactPointId: string): Promise<void> {
    await m.query(`UPDATE contact_point SET preferred = false WHERE citizen_id = $1 AND preferred AND id <> $2`, [
      citizenId,
      contactPointId,
    ]);
    await m.query(`UPDATE contact_point SET preferred = true WHERE id = $1`, [contactPointId]);
  }

  /** A citizen's message opens WhatsApp's 24-hour window for free-text replies on that contact point. */
  async touchInbound(m: EntityManager, channel: string, address: string, at: string): Promise<void> {
    await m.query(`UPDATE contact_point SET last_inbound_at = $3 WHERE channel = $1 AND address_hash = $2`, [
      channel,
      this.blindIndex.hash(channel, address),
      at,
    ]);
  }

  /** The line (named WhatsApp number) the citizen wrote to last; replies go out from it. */
  async touchInboundLine(m: EntityManager, channel: string, address: string, line: string | null): Promise<void> {
    await m.query(
      `UPDATE contact_point SET last_inbound_line = $3
        WHERE channel = $1 AND address_hash = $2 AND last_inbound_line IS DISTINCT FROM $3`,
      [channel, this.blindIndex.hash(channel, address), line],
    );
  }

  async profileOf(m: EntityManager, citizenId: string): Promise<{ pseudonym: string; language: string }> {
    const [row] = await m.query<{ pseudonym: string; language: string }[]>(
      `SELECT pseudonym, language FROM citizen WHERE id = $1`,
      [citizenId],
    );
    return row;
  }

  /** The citizen's own act (JOIN, LINK) lifts an earlier STOP and reopens a contact point a provider had closed. */
  async reopen(m: EntityManager, citizenId: string | null, contactPointId: string): Promise<void> {
    if (citizenId) await m.query(`UPDATE citizen SET opted_out_at = NULL WHERE id = $1`, [citizenId]);
    await m.query(`UPDATE contact_point SET active = true, opted_out_at = NULL WHERE id = $1`, [contactPointId]);
  }

  /** A provider's opt-out verdict: the contact point is closed for good (JOIN or LINK reopens it). */
  async closeContactPoint(m: EntityManager, contactPointId: string): Promise<void> {
    await m.query(`UPDATE contact_point SET opted_out_at = now(), active = false WHERE id = $1`, [contactPointId]);
  }

  async optOut(m: EntityManager, citizenId: string): Promise<void> {
    await m.query(`UPDATE citizen SET opted_out_at = now() WHERE id = $1`, [citizenId]);
  }

  async setLanguage(m: EntityManager, citizenId: string, language: Language): Promise<void> {
    await m.query(`UPDATE citizen SET language = $2 WHERE id = $1`, [citizenId, language]);
  }

  async issueLinkCode(m: EntityManager, contact: ContactRef, code: string, ttlMinutes: number): Promise<void> {
    await m.query(
      `INSERT INTO contact_link_code (code_hash, citizen_id, contact_point_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [this.blindIndex.hash('link', code), contact.citizenId, contact.contactPointId, ttlMinutes],
    );
  }

  /** An unused, unexpired link code, locked until the transaction ends. */
  async lockLinkCode(
    m: EntityManager,
    code: string,
  ): Promise<{ citizenId: string; contactPointId: string } | undefined> {
    const [link] = await m.query<{ citizenId: string; contactPointId: string }[]>(
      `SELECT citizen_id AS "citizenId", contact_point_id AS "contactPointId" FROM contact_link_code
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [this.blindIndex.hash('link', code)],
    );
    return link;
  }

  async useLinkCode(m: EntityManager, code: string): Promise<void> {
    await m.query(`UPDATE contact_link_code SET used_at = now() WHERE code_hash = $1`, [
      this.blindIndex.hash('link', code),
    ]);
  }

  /**
   * Moves the contact points of citizen `from` to citizen `into` (their memberships move with MembershipRepository);
   * `from` stays as an empty record for past deliveries. A STOP of `into` stands unless active memberships came along.
   */
  async mergeContacts(m: EntityManager, from: string, into: string): Promise<void> {
    await m.query(`UPDATE contact_point SET citizen_id = $2, preferred = false WHERE citizen_id = $1`, [from, into]);
    await m.query(`UPDATE contact_link_code SET used_at = now() WHERE citizen_id = $1 AND used_at IS NULL`, [from]);
    await m.query(
      `UPDATE citizen SET opted_out_at = NULL
        WHERE id = $1 AND EXISTS (SELECT 1 FROM membership WHERE citizen_id = $1 AND status = 'active')`,
      [into],
    );
  }

  /**
   * Erasure: the data keys of every contact point (and of `alsoSubjects`, the sender's own) destroyed, so every
   * copy of what they sealed, anywhere, is unreadable (crypto-shredding); link codes deleted; contact points scrubbed
   * (the rows stay, emptied, because past deliveries point at them; an encrypted empty string keeps the
   * key-rotation job able to read every row); the citizen opted out. Returns how many keys were destroyed.
   */
  async erase(m: EntityManager, citizenId: string, alsoSubjects: string[] = []): Promise<number> {
    const held = await m.query<{ address_hash: string }[]>(
      `SELECT address_hash FROM contact_point WHERE citizen_id = $1`,
      [citizenId],
    );
    const destroyed = await this.keys.destroySubjects(m, [...held.map((r) => r.address_hash), ...alsoSubjects]);
    await m.query(`DELETE FROM contact_link_code WHERE citizen_id = $1`, [citizenId]);
    await m.query(
      `UPDATE contact_point
          SET address_ciphertext = $2, address_hash = 'erased:' || id::text, address_masked = '•••',
              active = false, preferred = false, opted_out_at = coalesce(opted_out_at, now())
        WHERE citizen_id = $1`,
      [citizenId, this.cipher.encrypt('')],
    );
    await m.query(`UPDATE citizen SET opted_out_at = coalesce(opted_out_at, now()) WHERE id = $1`, [citizenId]);
    return destroyed;
  }

  /** ERASE from someone JanSetu keeps nothing about: the key their messages were sealed under is destroyed. */
  async eraseSender(m: EntityManager, channel: string, address: string): Promise<number> {
    return this.keys.destroySubjects(m, [this.keys.subjectOf(channel, address)]);
  }
}
