import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INBOX_RATE_LIMIT_PER_HOUR } from './commands/file-citizen-message/file-citizen-message.handler';
import { MuteSenderCommand } from './commands/mute-sender/mute-sender.command';
import { senderKeys } from './domain/pseudonyms';
import { openRevealSeal } from './domain/reveal-seal';
import { InboxHarness, inboxHarness } from './inbox.harness';

/** Issue #14, ANON: nothing an officer does, and nothing in the tables, ties an ANON case to a named one. */
describe('ANON cases stay unlinkable from the same citizen’s named cases on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_anonymity');
  });
  afterAll(async () => h?.close());

  const mute = (caseId: string) => h.commands.execute(new MuteSenderCommand(h.officer['sho-town'], caseId, 'abuse'));
  const queueOf = async (caseId: string) => (await h.caseRow(caseId)).queue;

  it('a mute of a named case is no oracle: the same citizen’s ANON messages stay in the main queue', async () => {
    await h.member('sms', '+919840000001', h.group.town);
    const named = await h.filed('sms', '+919840000001', 'chowk pe roz jaam lagta hai koi nahi aata');
    await mute(named.caseId);
    expect(await queueOf((await h.filed('sms', '+919840000001', 'phir se jaam laga hai chowk pe')).caseId)).toBe(
      'filtered',
    );
    const anon = await h.filed('sms', '+919840000001', 'ANON station ke peeche sharab ki bhatti chal rahi hai');
    expect(await h.caseRow(anon.caseId)).toMatchObject({ queue: 'main', filter_reason: null });
  });

  it('a mute of an ANON case filters that sender’s later ANON messages there, never their named ones', async () => {
    await h.member('whatsapp', '+919840000002', h.group.town);
    const anon = await h.filed('whatsapp', '+919840000002', 'ANON bazar me naqli dawa bik rahi hai');
    await mute(anon.caseId);
    const named = await h.filed('whatsapp', '+919840000002', 'school ke paas roz ladai hoti hai');
    expect(await h.caseRow(named.caseId)).toMatchObject({ queue: 'main', filter_reason: null });
    const anonAgain = await h.filed('whatsapp', '+919840000002', 'ANON phir se naqli dawa aayi hai');
    expect(await h.caseRow(anonAgain.caseId)).toMatchObject({ queue: 'filtered', filter_reason: 'muted' });
  });

  it('counts ANON and named messages under separate hourly limits', async () => {
    await h.member('telegram', '840000003', h.group.town);
    for (let i = 0; i < INBOX_RATE_LIMIT_PER_HOUR; i++) await h.filed('telegram', '840000003', `jua chal raha ${i}`);
    const overNamed = await h.filed('telegram', '840000003', 'jua chal raha phir');
    expect(await h.caseRow(overNamed.caseId)).toMatchObject({ filter_reason: 'rate-limited' });
    const anon = await h.filed('telegram', '840000003', 'ANON jua ka adda station road pe');
    expect(await h.caseRow(anon.caseId)).toMatchObject({ queue: 'main', filter_reason: null });
    for (let i = 1; i < INBOX_RATE_LIMIT_PER_HOUR; i++) await h.filed('telegram', '840000003', `ANON adda ${i}`);
    const overAnon = await h.filed('telegram', '840000003', 'ANON adda phir');
    expect(await h.caseRow(overAnon.caseId)).toMatchObject({ filter_reason: 'rate-limited' });
  });

  it('leaves an insider with a copy of the tables nothing to join an ANON case on', async () => {
    const citizenId = await h.member('sms', '+919840000004', h.group.dharampur);
    const named = [
      await h.filed('sms', '+919840000004', 'gaon me roz raat ko sharab bikti hai'),
      await h.filed('sms', '+919840000004', 'talab ke paas jua hota hai'),
    ];
    const anon = [
      await h.filed('sms', '+919840000004', 'ANON mukhiya ka beta hathiyar rakhta hai'),
      await h.filed('sms', '+919840000004', 'गुप्त खेत में अफीम उगाई जा रही है'),
    ];
    const namedRows = await Promise.all(named.map((c) => h.caseRow(c.caseId)));
    const anonRows = await Promise.all(anon.map((c) => h.caseRow(c.caseId)));
    // Every value a named row holds that could identify a sender: none is found on an ANON row.
    const identifying = (r: Record<string, unknown>) =>
      [r.citizen_id, r.contact_point_id, r.sender_key, r.pseudonym, r.sender_sealed, r.erase_tag].filter(Boolean);
    const namedValues = new Set(namedRows.flatMap(identifying));
    for (const row of anonRows) {
      expect(row).toMatchObject({ citizen_id: null, contact_point_id: null, anonymous: true });
      for (const v of identifying(row)) expect(namedValues.has(v)).toBe(false);
      expect(JSON.stringify(row)).not.toContain(citizenId);
    }
    // ANON rows share nothing with each other either, but the erase tag ERASE needs.
    expect(anonRows[0].sender_key).not.toBe(anonRows[1].sender_key);
    expect(anonRows[0].pseudonym).not.toBe(anonRows[1].pseudonym);
    // The keys of earlier releases (global, computable by whoever holds the blind-index key) are on no new row.
    const legacy = senderKeys(h.blind, `citizen:${citizenId}`);
    const [{ n }] = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbox_case WHERE sender_key = ANY($1)`,
      [[legacy.named, legacy.anonymous]],
    );
    expect(n).toBe(0);
    // With the gateway's keys, the ANON row opens to a reply route without the citizen; only HQ's key names them.
    const route = JSON.parse(h.linkCipher.decrypt(anonRows[0].sender_sealed as string));
    expect(route).toMatchObject({ citizenId: null, contactPointId: null });
    expect(JSON.parse(openRevealSeal(anonRows[0].reveal_sealed as string, h.revealPrivateKey))).toMatchObject({
      citizenId,
    });
    // The ANON acknowledgement on the bus names no contact point, pseudonym or citizen.
    const [ack] = await h.ds.query<{ key: string; payload: { payload: Record<string, unknown> } }[]>(
      `SELECT key, payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
    );
    expect(ack.payload.payload).toMatchObject({ pseudonym: null });
    expect(ack.payload.payload.contactPointId).toBeUndefined();
    expect(JSON.stringify(ack)).not.toContain(citizenId);
  });

  it('tells the citizen, in their language, what ANON does and does not protect', async () => {
    await h.member('sms', '+919840000005', h.group.dharampur);
    const anon = await h.filed('sms', '+919840000005', 'ANON mandir ke paas roz raat ko jua hota hai');
    const { text: hindi } = await h.lastReply();
    expect(hindi).toContain(`केस ${anon.caseNumber}`);
    expect(hindi).toContain('दूसरे संदेशों से जोड़');
    expect(hindi).toContain('सर्वर की चाबियाँ');
    expect(hindi).not.toContain('two officers'); // one language a message: no more Hindi + English for all
  });

  it('ERASE unlinks the citizen’s ANON cases too: nothing is left to reveal or answer', async () => {
    await h.member('sms', '+919840000006', h.group.dharampur);
    const anon = await h.filed('sms', '+919840000006', 'ANON nadi me zeher daala ja raha hai');
    await h.erase('sms', '+919840000006');
    expect(await h.caseRow(anon.caseId)).toMatchObject({ sender_sealed: null, reveal_sealed: null, erase_tag: null });
  });
});
