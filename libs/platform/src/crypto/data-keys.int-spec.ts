import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@jansetu/testing';
import { DataKeys, ShreddedError } from './data-keys';
import { BlindIndex, FieldCipher } from './field-cipher';

describe('DataKeys: per-sender envelope encryption on PostgreSQL', () => {
  let ds: DataSource;
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const blind = new BlindIndex(randomBytes(32).toString('base64'));
  let keys: DataKeys;

  beforeAll(async () => {
    ({ dataSource: ds } = await migratedDataSource(inject('runPrefix'), 'platform_data_keys'));
    keys = new DataKeys(ds, new FieldCipher('k1', { k1 }), blind);
  });
  afterAll(async () => ds?.destroy());

  it('seals each sender under a key of their own, created once, stored only wrapped by the master key', async () => {
    const a = await keys.sealFor('sms', '+919800000001', 'गाँव में चोरी');
    const again = await keys.sealFor('sms', '+919800000001', '+919800000001');
    const b = await keys.sealFor('sms', '+919800000002', 'गाँव में चोरी');
    expect(a.split(':')[1]).toBe(again.split(':')[1]);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
    expect(await keys.openMany([a, again, b])).toEqual(['गाँव में चोरी', '+919800000001', 'गाँव में चोरी']);
    const rows = await ds.query<{ subject: string; wrapped: string }[]>(`SELECT subject, wrapped FROM citizen_key`);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.wrapped.startsWith('k1:') && !JSON.stringify(r).includes('9800000001'))).toBe(true);
    // Values sealed by the master key itself (before data keys) still open.
    expect(await keys.open(new FieldCipher('k1', { k1 }).encrypt('old row'))).toBe('old row');
  });

  it('destroys a sender’s key: everything it sealed is unreadable, other senders untouched', async () => {
    const mine = await keys.sealFor('telegram', '5550001', 'tip one');
    const theirs = await keys.sealFor('telegram', '5550002', 'tip two');
    expect(await keys.destroySubjects(ds.manager, [keys.subjectOf('telegram', '5550001')])).toBe(1);
    await expect(keys.open(mine)).rejects.toBeInstanceOf(ShreddedError);
    expect(await keys.open(theirs)).toBe('tip two');
    // A new message from the same number gets a new key, not the destroyed one back.
    const next = await keys.sealFor('telegram', '5550001', 'JOIN 123456');
    expect(next.split(':')[1]).not.toBe(mine.split(':')[1]);
  });

  it('rotates the master key by re-wrapping the data keys; the sealed payloads never change', async () => {
    const sealed = await keys.sealFor('sms', '+919800000009', 'before the rotation');
    const rotating = new DataKeys(ds, new FieldCipher('k2', { k1, k2 }), blind);
    expect(await rotating.countWrappedOtherwiseThan('k2')).toBeGreaterThan(0);
    let moved = 0;
    for (let n = -1; n !== 0; moved += n) n = await rotating.rewrap('k2', 2);
    expect(moved).toBe(5); // every key so far: two senders, two more, one destroyed and made anew, this one
    expect(await rotating.countWrappedOtherwiseThan('k2')).toBe(0);
    // k1 can be dropped now.
    const k2Only = new DataKeys(ds, new FieldCipher('k2', { k2 }), blind);
    expect(await k2Only.open(sealed)).toBe('before the rotation');
  });

  it('agrees on one key when a sender’s first messages arrive at once on several connections', async () => {
    const other = new DataKeys(ds, new FieldCipher('k1', { k1 }), blind);
    const address = '+919800000077';
    const sealed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? keys : other).sealFor('whatsapp', address, `संदेश ${i}`)),
    );
    expect(new Set(sealed.map((v) => v.split(':')[1])).size).toBe(1);
    const opened = await keys.openMany(sealed);
    expect(opened).toEqual(Array.from({ length: 12 }, (_, i) => `संदेश ${i}`));
    const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM citizen_key WHERE subject = $1`, [
      keys.subjectOf('whatsapp', address),
    ]);
    expect(n).toBe(1);
  });
});
