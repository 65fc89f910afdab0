import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { BlindIndex, DataKeys, FieldCipher, maskAddress } from '@jansetu/platform';
import { MembershipTestContext, membershipTestContext } from '@jansetu/testing';
import { CitizenRepository } from '../../persistence/citizen.repository';
import { ReencryptContactsCommand } from './reencrypt-contacts.command';

describe('re-encrypting contact addresses after a key rotation', () => {
  let ctx: MembershipTestContext;
  let dataSource: DataSource;
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const blindKey = randomBytes(32).toString('base64');
  const blind = new BlindIndex(blindKey);
  const addresses = Array.from({ length: 1234 }, (_, i) => `+9197${String(10_000_000 + i * 7)}`);

  beforeAll(async () => {
    // After the rotation: k2 is current, k1 is an old key (ENCRYPTION_OLD_KEYS).
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_reencrypt', [], {
      ENCRYPTION_KEY_ID: 'k2',
      ENCRYPTION_KEY: k2,
      ENCRYPTION_OLD_KEYS: `k1:${k1}`,
      BLIND_INDEX_KEY: blindKey,
    });
    dataSource = ctx.dataSource;
    // Sealed under k1 itself, as a deployment before the rotation (and before per-citizen data keys) left them.
    const before = new FieldCipher('k1', { k1 });
    await dataSource.transaction(async (m) => {
      for (const [i, address] of addresses.entries()) {
        const [c] = await m.query<{ id: string }[]>(`INSERT INTO citizen (pseudonym) VALUES ($1) RETURNING id`, [
          `N-OLD${i}`,
        ]);
        await m.query(
          `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred)
           VALUES ($1, 'sms', $2, $3, $4, true)`,
          [c.id, before.encrypt(address), blind.hash('sms', address), maskAddress(address)],
        );
      }
    });
  });
  afterAll(async () => ctx?.close());

  it('moves every row to the new key in batches; all decrypt, and blind-index lookups still work', async () => {
    const result = await ctx.commands.execute(new ReencryptContactsCommand('k2', 100));
    expect(result).toEqual({ reencrypted: addresses.length, remaining: 0 });

    const rows = await dataSource.query<{ address_ciphertext: string }[]>(
      `SELECT address_ciphertext FROM contact_point`,
    );
    expect(rows.every((r) => r.address_ciphertext.startsWith('k2:'))).toBe(true);
    // k1 can be dropped now: the new key alone reads everything.
    const k2Only = new FieldCipher('k2', { k2 });
    expect(rows.map((r) => k2Only.decrypt(r.address_ciphertext)).sort()).toEqual([...addresses].sort());

    const directory = new CitizenRepository(k2Only, blind, ctx.moduleRef.get(DataKeys));
    const found = await directory.findContact(dataSource.manager, 'sms', addresses[777]);
    const [sealed] = await dataSource.query<{ address_ciphertext: string }[]>(
      `SELECT address_ciphertext FROM contact_point WHERE id = $1`,
      [found!.contactPointId],
    );
    expect(k2Only.decrypt(sealed.address_ciphertext)).toBe(addresses[777]);

    // Running it again finds nothing left to do.
    expect(await ctx.commands.execute(new ReencryptContactsCommand('k2'))).toEqual({
      reencrypted: 0,
      remaining: 0,
    });
  });
});
