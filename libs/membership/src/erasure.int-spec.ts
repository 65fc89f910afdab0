import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent } from '@jansetu/audit';
import { AutoReply } from '@jansetu/broadcast';
import { RevealIdentityCommand } from '@jansetu/inbox';
import { newCitizen, newGroup } from '@jansetu/testing';
import { CitizenHarness, citizenHarness } from './membership.harness';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
  { code: 'SAM-MUF-DHARAM', parentCode: 'SAM-MUFASSIL', level: 'locality', nameEn: 'Dharampur', nameHi: 'धरमपुर' },
];

/** ERASE is membership's; the inbox and broadcast forget their own links on CitizenErased. */
describe('erasure across the contexts (ERASE / मिटाएं) on PostgreSQL', () => {
  let h: CitizenHarness;
  const phone = '+919800000231';
  const rows = <T>(sql: string, params: unknown[] = []) => h.dataSource.query<T[]>(sql, params);
  const lastReply = async () => {
    const [row] = await rows<{ payload: { payload: AutoReply } }>(
      `SELECT payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
    );
    const reply = row.payload.payload;
    return { ...reply, to: await h.unseal(reply.toSealed!), toChannel: reply.channel };
  };
  /** The case whose (sealed) text is `text`. */
  const caseOf = async (text: string) => {
    for (const row of await rows<Record<string, unknown>>(`SELECT * FROM inbox_case ORDER BY case_number`)) {
      if ((await h.unseal(row.text as string).catch(() => undefined)) === text) return row;
    }
  };
  const caseById = async (id: unknown) =>
    (await rows<Record<string, unknown>>(`SELECT * FROM inbox_case WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    h = await citizenHarness(inject('runPrefix'), 'membership_erasure', tree);
  });
  afterAll(async () => h?.module.close());

  it('removes contact data and memberships, unlinks cases, fails queued deliveries, keeps the audit log untouched', async () => {
    const hq = await h.hq();
    const dharampur = await newGroup(h.module.app, hq, { jurisdictionCode: 'SAM-MUF-DHARAM' });
    const station = await newGroup(h.module.app, hq, { jurisdictionCode: 'SAM-MUFASSIL' });
    expect(await newCitizen(h.module.app, 'whatsapp', phone, dharampur.joinCode)).toEqual({ handled: 'join' });
    expect(await newCitizen(h.module.app, 'whatsapp', phone, station.joinCode)).toEqual({ handled: 'join' });
    // Filed by the inbox on CitizenMessageReceived, as the dispatcher does.
    expect(await h.send('whatsapp', phone, 'pul ke neeche raat me jua chalta hai')).toMatchObject({
      handled: 'message',
    });
    await h.send('whatsapp', phone, 'ANON daru bik rahi hai mandir ke peeche');
    const tip = await caseOf('pul ke neeche raat me jua chalta hai');
    const anon = await caseOf('daru bik rahi hai mandir ke peeche');
    expect(tip).toMatchObject({ anonymous: false });
    expect(anon).toMatchObject({ anonymous: true });
    const [{ citizen_id: citizenId }] = await rows<{ citizen_id: string }>(
      `SELECT citizen_id FROM contact_point WHERE address_hash = $1`,
      [h.blind.hash('whatsapp', phone)],
    );
    const auditBefore = await rows<{ id: string; hash: string }>(`SELECT id, hash FROM audit_event ORDER BY id`);
    const [{ n: outboxAuditBefore }] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_message WHERE topic LIKE '%audit%'`,
    );

    expect(await h.send('whatsapp', phone, 'मिटाएं')).toEqual({ handled: 'erase' });

    expect(await lastReply()).toMatchObject({ reason: 'erased', to: phone, toChannel: 'whatsapp' });
    const contacts = await rows<{ address_hash: string; address_ciphertext: string; active: boolean }>(
      `SELECT address_hash, address_ciphertext, active FROM contact_point WHERE citizen_id = $1`,
      [citizenId],
    );
    expect(contacts.length).toBeGreaterThan(0);
    for (const cp of contacts) {
      expect(cp.active).toBe(false);
      expect(cp.address_hash).toMatch(/^erased:/);
      expect(h.cipher.decrypt(cp.address_ciphertext)).toBe('');
    }
    expect(
      await rows(`SELECT 1 FROM contact_point WHERE address_hash = $1`, [h.blind.hash('whatsapp', phone)]),
    ).toEqual([]);
    expect(await rows(`SELECT 1 FROM membership WHERE citizen_id = $1`, [citizenId])).toEqual([]);
    // Found by id now: their texts went with the citizen's key.
    for (const c of [tip!, anon!]) {
      expect(await caseById(c.id)).toMatchObject({ citizen_id: null, contact_point_id: null, sender_sealed: null });
    }
    await expect(
      h.module.commands.execute(new RevealIdentityCommand(hq, tip!.id as string, 'court order 45/2025 requires it')),
    ).rejects.toMatchObject({ status: 400 });
    expect(await rows(`SELECT id, hash FROM audit_event ORDER BY id`)).toEqual(auditBefore);
    const [erased] = (
      await rows<{ event: AuditEvent }>(
        `SELECT payload -> 'payload' AS event FROM outbox_message WHERE type = 'citizen.erased' ORDER BY seq`,
      )
    ).slice(-1);
    expect(erased.event.subject.groupIds as string[]).toHaveLength(2);
    expect(JSON.stringify(erased.event)).not.toContain('0000231');
    const [{ n: outboxAuditAfter }] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_message WHERE topic LIKE '%audit%'`,
    );
    // Reveal refused (no audit), erasure recorded once.
    expect(outboxAuditAfter).toBe(outboxAuditBefore + 1);
  });

  it('answers ERASE from someone JanSetu keeps nothing about, and stores nothing', async () => {
    const [{ n: before }] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM contact_point`);
    expect(await h.send('sms', '+919800000999', 'ERASE')).toEqual({ handled: 'erase' });
    expect(await lastReply()).toMatchObject({ reason: 'erased', to: '+919800000999', toChannel: 'sms' });
    expect((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM contact_point`))[0].n).toBe(before);
  });
});
