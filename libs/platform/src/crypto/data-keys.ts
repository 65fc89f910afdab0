import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BlindIndex, FieldCipher } from './field-cipher';

/** The key a payload was sealed with is gone (the citizen erased themselves): the payload is unreadable for good. */
export class ShreddedError extends Error {
  constructor(readonly keyId: string) {
    super('sealed under a destroyed data key');
  }
}

/** An unwrapped data key: its id travels in every value it seals. */
export interface DataKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'dk';

/**
 * Envelope encryption with crypto-shredding. Every sender (channel + address, found by its blind index) has a data
 * key of its own, created on first contact by the webhook, stored only wrapped by the master key (FieldCipher, so
 * it names the master key id and rotates with it). Everything that carries the sender's address or words is sealed
 * under it ("dk:<key id>:iv:tag:data"): contact points, inbound bus messages, domain events, replies, case texts.
 * ERASE deletes the key row, so every copy (tables, outbox, bus, Kafka segments, backups taken later) is unreadable
 * at once. Values sealed directly by the master key (older rows) are still opened, so nothing breaks in between.
 */
@Injectable()
export class DataKeys {
  constructor(
    private readonly dataSource: DataSource,
    private readonly master: FieldCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  /** The subject under which a sender's key is found: the keyed hash also stored as contact_point.address_hash. */
  subjectOf(channel: string, address: string): string {
    return this.blindIndex.hash(channel, address);
  }

  /**
   * The sender's key, created on first contact (concurrent first contacts agree on one key), in one round trip
   * either way: the statement finds the key, or inserts the one offered. A first contact racing another that
   * committed after this statement's snapshot finds nothing in it and reads once more.
   */
  async forSender(channel: string, address: string, m: EntityManager = this.dataSource.manager): Promise<DataKey> {
    const subject = this.subjectOf(channel, address);
    const [kept] = await m.query<{ id: string; wrapped: string }[]>(
      `WITH found AS (SELECT id, wrapped FROM citizen_key WHERE subject = $1),
       created AS (
         INSERT INTO citizen_key (subject, wrapped) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM found)
         ON CONFLICT (subject) DO NOTHING RETURNING id, wrapped)
       SELECT id, wrapped FROM found UNION ALL SELECT id, wrapped FROM created`,
      [subject, this.master.encrypt(randomBytes(32).toString('base64'))],
    );
    if (kept) return this.unwrap(kept);
    const [raced] = await m.query<{ id: string; wrapped: string }[]>(
      `SELECT id, wrapped FROM citizen_key WHERE subject = $1`,
      [subject],
    );
    return this.unwrap(raced);
  }

  /**
   * A key of no sender, destroyed by the retention job after `ttlDays`: for what must outlive the sender's own key
   * (the confirmation of an ERASE, sent after the key is gone).
   */
  async ephemeral(ttlDays: number, m: EntityManager = this.dataSource.manager): Promise<DataKey> {
    const key = randomBytes(32);
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO citizen_key (subject, wrapped, expires_at) VALUES (NULL, $1, now() + make_interval(days => $2))
       RETURNING id`,
      [this.master.encrypt(key.toString('base64')), ttlDays],
    );
    return { id: row.id, key };
  }

  seal(key: DataKey, plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      PREFIX,
      key.id,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  /** Seals under the sender's key (created if needed). */
  async sealFor(channel: string, address: string, plain: string, m?: EntityManager): Promise<string> {
    return this.seal(await this.forSender(channel, address, m), plain);
  }

  /** Seals under the same key as `like` (a value of this sender already sealed), so it shreds with it. */
  async sealLike(like: string, plain: string, m?: EntityManager): Promise<string> {
    const id = keyIdOf(like);
    if (!id) return this.master.encrypt(plain);
    const [key] = await this.keys([id], m);
    if (!key) throw new ShreddedError(id);
    return this.seal(key, plain);
  }

  /**
   * Seals bytes (a citizen's photo or voice note) under the same data key as `like`, so ERASE shreds them too:
   * "dk:<key id>\n" then iv, tag and the AES-256-GCM ciphertext.
   */
  async sealBytesLike(like: string, bytes: Buffer, m?: EntityManager): Promise<Buffer> {
    const id = keyIdOf(like);
    if (!id) throw new Error('bytes are sealed only under a data key');
    const [key] = await this.keys([id], m);
    if (!key) throw new ShreddedError(id);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv);
    const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([Buffer.from(`${PREFIX}:${key.id}\n`, 'utf8'), iv, cipher.getAuthTag(), data]);
  }

  /** Opens what sealBytesLike sealed; ShreddedError once the sender erased themselves. */
  async openBytes(sealed: Buffer, m?: EntityManager): Promise<Buffer> {
    const newline = sealed.indexOf(0x0a);
    const id = keyIdOf(newline > 0 ? sealed.subarray(0, newline).toString('utf8') + ':' : '');
    if (!id) throw new Error('not sealed bytes');
    const [key] = await this.keys([id], m);
    if (!key) throw new ShreddedError(id);
    const body = sealed.subarray(newline + 1);
    const decipher = createDecipheriv('aes-256-gcm', key.key, body.subarray(0, 12));
    decipher.setAuthTag(body.subarray(12, 28));
    return Buffer.concat([decipher.update(body.subarray(28)), decipher.final()]);
  }

  /** Opens a value sealed under a data key, or (older values) under the master key; ShreddedError if erased. */
  async open(sealed: string, m?: EntityManager): Promise<string> {
    return (await this.openMany([sealed], m))[0];
  }

  /** Like open, one look-up for the whole batch. */
  async openMany(sealed: string[], m?: EntityManager): Promise<string[]> {
    const ids = [...new Set(sealed.map(keyIdOf).filter((id): id is string => id !== undefined))];
    const keys = new Map((await this.keys(ids, m)).map((k) => [k.id, k.key]));
    return sealed.map((value) => {
      const id = keyIdOf(value);
      if (id === undefined) return this.master.decrypt(value);
      const key = keys.get(id);
      if (!key) throw new ShreddedError(id);
      const [, , iv, tag, data] = value.split(':');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    });
  }

  /** Whether `sealed` names a data key (and not the master key directly). */
  isEnveloped(sealed: string): boolean {
    return keyIdOf(sealed) !== undefined;
  }

  /** Crypto-shredding: the keys of these senders (blind-index subjects) are destroyed. Returns how many. */
  async destroySubjects(m: EntityManager, subjects: string[]): Promise<number> {
    if (!subjects.length) return 0;
    const [{ n }] = await m.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM citizen_key WHERE subject = ANY($1::text[]) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [subjects],
    );
    return n;
  }

  /** The ephemeral key `sealed` is under (if it is one) is destroyed: its one use is over. */
  async destroyEphemeralOf(sealed: string, m: EntityManager = this.dataSource.manager): Promise<void> {
    const id = keyIdOf(sealed);
    if (id) await m.query(`DELETE FROM citizen_key WHERE id = $1 AND subject IS NULL`, [id]);
  }

  /** Ephemeral keys past their time are destroyed (retention). */
  async destroyExpired(m: EntityManager, limit: number): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `WITH gone AS (
         DELETE FROM citizen_key WHERE id IN (
           SELECT id FROM citizen_key WHERE expires_at < now() ORDER BY expires_at LIMIT $1) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [limit],
    );
    return n;
  }

  /**
   * Key rotation: re-wraps up to `limit` data keys still wrapped by another master key than the current one. The
   * sealed payloads themselves never change. Returns how many were re-wrapped.
   */
  async rewrap(currentKeyId: string, limit: number, m: EntityManager = this.dataSource.manager): Promise<number> {
    const stale = await m.query<{ id: string; wrapped: string }[]>(
      `SELECT id, wrapped FROM citizen_key WHERE wrapped NOT LIKE $1 ORDER BY id LIMIT $2`,
      [`${currentKeyId}:%`, limit],
    );
    for (const row of stale) {
      await m.query(`UPDATE citizen_key SET wrapped = $3 WHERE id = $1 AND wrapped = $2`, [
        row.id,
        row.wrapped,
        this.master.encrypt(this.master.decrypt(row.wrapped)),
      ]);
    }
    return stale.length;
  }

  async countWrappedOtherwiseThan(currentKeyId: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM citizen_key WHERE wrapped NOT LIKE $1`,
      [`${currentKeyId}:%`],
    );
    return n;
  }

  private async keys(ids: string[], m: EntityManager = this.dataSource.manager): Promise<DataKey[]> {
    if (!ids.length) return [];
    const rows = await m.query<{ id: string; wrapped: string }[]>(
      `SELECT id, wrapped FROM citizen_key WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => this.unwrap(r));
  }

  private unwrap(row: { id: string; wrapped: string }): DataKey {
    return { id: row.id, key: Buffer.from(this.master.decrypt(row.wrapped), 'base64') };
  }
}

function keyIdOf(sealed: string): string | undefined {
  if (!sealed.startsWith(`${PREFIX}:`)) return undefined;
  const id = sealed.split(':')[1];
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}
