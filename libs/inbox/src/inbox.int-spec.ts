import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ChannelName } from '@jansetu/channels';
import { OfficerPrincipal } from '@jansetu/identity';
import { BlindIndex, FieldCipher } from '@jansetu/platform';
import { AddCaseNoteCommand } from './commands/add-case-note/add-case-note.command';
import { AssignCaseCommand } from './commands/assign-case/assign-case.command';
import { INBOX_RATE_LIMIT_PER_HOUR } from './commands/file-citizen-message/file-citizen-message.handler';
import { MuteSenderCommand } from './commands/mute-sender/mute-sender.command';
import { ReplyToCaseCommand } from './commands/reply-to-case/reply-to-case.command';
import { RevealIdentityCommand } from './commands/reveal-identity/reveal-identity.command';
import { TransitionCaseCommand } from './commands/transition-case/transition-case.command';
import { openRevealSeal } from './domain/reveal-seal';
import { InboxHarness, inboxHarness } from './inbox.harness';
import { CountCasesQuery } from './queries/count-cases/count-cases.query';
import { GetCaseQuery } from './queries/get-case/get-case.query';
import { ListCasesQuery } from './queries/list-cases/list-cases.query';

describe('tip inbox on PostgreSQL', () => {
  let h: InboxHarness;
  let ds: DataSource;
  let cipher: FieldCipher;
  let linkCipher: FieldCipher;
  let blind: BlindIndex;
  let commands: CommandBus;
  let queries: QueryBus;
  let node: InboxHarness['node'];
  let group: InboxHarness['group'];
  let officer: Record<string, OfficerPrincipal>;

  const send = (channel: ChannelName, from: string, text: string, messageId = randomUUID()) =>
    h.send(channel, from, text, messageId);
  const filed = (channel: ChannelName, from: string, text: string) => h.filed(channel, from, text);
  const caseRow = (id: string) => h.caseRow(id);
  const lastReply = () => h.lastReply();
  const replyCount = () => h.replyCount();
  const auditEvents = (type: string) => h.auditEvents(type);
  const member = (channel: ChannelName, address: string, ...groupIds: string[]) =>
    h.member(channel, address, ...groupIds);
  const list = (o: string, queue: 'main' | 'filtered' = 'main') =>
    queries.execute(new ListCasesQuery(officer[o], { queue, limit: 1000 }));

  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox');
    ({ ds, cipher, linkCipher, blind, commands, queries, node, group, officer } = h);
  });
  afterAll(async () => h?.close());

  it('files a tip from each channel in the station of the sender’s most local group, under a pseudonym', async () => {
    const senders: [ChannelName, string][] = [
      ['sms', '+919800000101'],
      ['whatsapp', '+919800000102'],
      ['telegram', '700000103'],
    ];
    for (const [channel, address] of senders) {
      // Both a district-wide and a village group: the village (a locality of Mufassil) is the more local one.
      await member(channel, address, group.samastipur, group.dharampur);
      const r = await filed(channel, address, 'गाँव के स्कूल के पीछे रोज़ रात को शराब बिकती है');
      expect(r).toMatchObject({ label: 'tip', queue: 'main', urgent: false });
      const row = await caseRow(r.caseId);
      expect(row).toMatchObject({ code: 'SAM-MUFASSIL', channel, member: true, anonymous: false });
      expect(row.pseudonym).toMatch(/^T-[0-9A-Z]{8}$/);
      expect(await lastReply()).toMatchObject({ reason: 'inbox-ack', to: address, toChannel: channel });
      expect((await lastReply()).text).toContain(String(r.caseNumber));
    }
    const seen = await list('sho-mufassil');
    expect(seen).toHaveLength(3);
    const json = JSON.stringify(seen);
    for (const [, address] of senders) {
      expect(json).not.toContain(address);
      expect(json).not.toContain(address.slice(-7));
    }
    expect(JSON.stringify(await list('sho-town'))).toBe('[]');
  });

  it('keeps one pseudonym per citizen per station', async () => {
    await member('sms', '+919800000111', group.dharampur);
    const a = await filed('sms', '+919800000111', 'ek ladka bacchon ko ganja bech raha hai school ke gate pe');
    const b = await filed('sms', '+919800000111', 'station road pe jua ka adda chal raha hai har raat');
    await member('sms', '+919800000112', group.dharampur);
    const c = await filed('sms', '+919800000112', 'station road pe jua ka adda chal raha hai har raat');
    expect((await caseRow(a.caseId)).pseudonym).toBe((await caseRow(b.caseId)).pseudonym);
    expect((await caseRow(c.caseId)).pseudonym).not.toBe((await caseRow(a.caseId)).pseudonym);
  });

  it('routes a member of a district group only to the district inbox, and TIP / सूचना prefixes are dropped', async () => {
    await member('whatsapp', '+919800000121', group.samastipur);
    const r = await filed('whatsapp', '+919800000121', 'सूचना पुल के नीचे रात में जुआ चलता है');
    expect(await caseRow(r.caseId)).toMatchObject({ code: 'SAM', text: 'पुल के नीचे रात में जुआ चलता है' });
    expect((await list('sho-mufassil')).map((c) => c.id)).not.toContain(r.caseId);
    expect((await list('sp-samastipur')).map((c) => c.id)).toContain(r.caseId);
  });

  it('answers a non-member how to join and files their tip in the district they name, else the state', async () => {
    const patna = await filed('sms', '+919800000131', 'Patna me bypass road pe dhabe ke peeche sharab ki godam hai');
    expect(await caseRow(patna.caseId)).toMatchObject({ code: 'PAT', member: false, citizen_id: null });
    expect(await lastReply()).toMatchObject({
      reason: 'not-a-member',
      pseudonym: null,
      to: '+919800000131',
      toChannel: 'sms',
    });
    expect((await lastReply()).text).toContain('JOIN');
    const state = await filed('telegram', '555000132', 'naqli note chal raha hai haat me');
    expect(await caseRow(state.caseId)).toMatchObject({ code: 'BR', member: false });
    expect(
      await ds.query(`SELECT 1 FROM contact_point WHERE address_hash = $1`, [blind.hash('sms', '+919800000131')]),
    ).toEqual([]);
  });

  it('files each bus message once', async () => {
    await member('sms', '+919800000141', group.town);
    const messageId = randomUUID();
    const first = await send('sms', '+919800000141', 'chowk pe roz jaam lagta hai', messageId);
    const replies = await replyCount();
    expect(first.outcome).toBe('filed');
    expect(await send('sms', '+919800000141', 'chowk pe roz jaam lagta hai', messageId)).toEqual({
      outcome: 'duplicate',
    });
    expect(await replyCount()).toBe(replies);
    const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM inbox_case WHERE message_id = $1`, [
      messageId,
    ]);
    expect(n).toBe(1);
  });

  it('marks an emergency urgent, first in the queue, and tells the citizen to dial 112 at once', async () => {
    await member('whatsapp', '+919800000151', group.dharampur);
    const r = await filed('whatsapp', '+919800000151', 'jaldi aao goli chal rahi hai');
    expect(r).toMatchObject({ label: 'emergency', urgent: true, queue: 'main' });
    expect(await lastReply()).toMatchObject({ reason: 'emergency-112', to: '+919800000151' });
    expect((await lastReply()).text).toContain('112');
    expect((await list('sho-mufassil'))[0].id).toBe(r.caseId);
  });

  it('keeps greetings, slogans and adverts out of the main queue but counted and reviewable', async () => {
    await member('sms', '+919800000161', group.town);
    const ids = [];
    for (const text of ['Good morning sir 🙏', 'नीतीश कुमार जिंदाबाद', 'Earn 50000 per month, click http://bit.ly/x']) {
      const r = await filed('sms', '+919800000161', text);
      expect(r.queue).toBe('filtered');
      ids.push(r.caseId);
    }
    const main = (await list('sho-town')).map((c) => c.id);
    const filtered = (await list('sho-town', 'filtered')).map((c) => c.id);
    for (const id of ids) {
      expect(main).not.toContain(id);
      expect(filtered).toContain(id);
    }
    const counts = await queries.execute(new CountCasesQuery(officer['sho-town']));
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ inboxCode: 'SAM-TOWN', filtered: 3 });
    expect(counts[0].byLabel).toMatchObject({ greeting: 1, political: 1, spam: 1 });
  });

  it('refuses a reveal without the role or without a reason, and audits one with both', async () => {
    await member('telegram', '800000171', group.dharampur);
    const r = await filed('telegram', '800000171', 'ईंट भट्ठे पर बच्चों से मज़दूरी कराई जा रही है');
    const reveal = { execute: (c: RevealIdentityCommand) => commands.execute(c) };
    const reason = 'FIR 123/25: witness needed for statement';
    await expect(
      reveal.execute(new RevealIdentityCommand(officer['sho-mufassil'], r.caseId, reason)),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      reveal.execute(new RevealIdentityCommand(officer['sp-samastipur'], r.caseId, 'need it')),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      reveal.execute(new RevealIdentityCommand(officer['sp-patna'], r.caseId, reason)),
    ).rejects.toMatchObject({ status: 404 });
    expect(await auditEvents('inbox.identity_revealed')).toEqual([]);

    await h.approvedReveal('sp-samastipur', r.caseId, reason);
    const revealed = await reveal.execute(new RevealIdentityCommand(officer['sp-samastipur'], r.caseId, reason));
    expect(revealed).toMatchObject({ caseId: r.caseId, channel: 'telegram', address: '800000171' });
    const [event] = await auditEvents('inbox.identity_revealed');
    expect(event.event).toMatchObject({
      actor: { kind: 'officer', officerId: officer['sp-samastipur'].id, role: 'district_admin' },
      jurisdictionPath: node['SAM-MUFASSIL'].path,
      subject: { tipId: r.caseId },
      body: { reason, channel: 'telegram' },
    });
    expect(JSON.stringify(event.event)).not.toContain('800000171');
  });

  it('sends an officer’s reply on the channel the citizen wrote from, without the officer learning the address', async () => {
    await member('whatsapp', '+919800000181', group.dharampur);
    const r = await filed('whatsapp', '+919800000181', 'hamare tola me baahar se aaye log 3 din se ruke hain');
    const result = await commands.execute(
      new ReplyToCaseCommand(officer['sho-mufassil'], r.caseId, 'धन्यवाद, टीम भेजी जा रही है'),
    );
    expect(result).toEqual({ id: r.caseId, queued: true });
    expect(await lastReply()).toMatchObject({ to: '+919800000181', toChannel: 'whatsapp' });
    expect((await lastReply()).text).toContain('धन्यवाद, टीम भेजी जा रही है');
    const [event] = (await auditEvents('inbox.reply_sent')).slice(-1);
    expect(event.event).toMatchObject({
      actor: { officerId: officer['sho-mufassil'].id },
      subject: { tipId: r.caseId },
    });
    const detail = await queries.execute(new GetCaseQuery(officer['sho-mufassil'], r.caseId));
    expect(detail.status).toBe('acknowledged');
    expect(JSON.stringify(detail)).not.toContain('0000181');
  });

  it('files ANON / गुप्त cases with no plain link to the citizen, yet replies reach them', async () => {
    const citizenId = await member('sms', '+919800000191', group.dharampur);
    const r = await filed('sms', '+919800000191', 'गुप्त हमारे मोहल्ले में एक आदमी नकली नोट चला रहा है');
    const row = await caseRow(r.caseId);
    expect(row).toMatchObject({ anonymous: true, citizen_id: null, contact_point_id: null });
    expect(row.pseudonym).toMatch(/^A-[0-9A-Z]{8}$/);
    expect(row.text).toBe('हमारे मोहल्ले में एक आदमी नकली नोट चला रहा है');
    expect(JSON.stringify(row)).not.toContain(citizenId);
    // Sealed under the inbox's own derived key: the contact-address key does not open it.
    expect(() => cipher.decrypt(row.sender_sealed as string)).toThrow();
    // Issue #14: the gateway's key opens only a reply route; who sent it is sealed to the HQ reveal key.
    expect(JSON.parse(linkCipher.decrypt(row.sender_sealed as string))).toMatchObject({ citizenId: null });
    expect(JSON.parse(openRevealSeal(row.reveal_sealed as string, h.revealPrivateKey))).toMatchObject({ citizenId });
    // The acknowledgement travels sealed and without a pseudonym: no audit chain ties it to the citizen.
    expect(await lastReply()).toMatchObject({ reason: 'inbox-ack', pseudonym: null, to: '+919800000191' });
    await commands.execute(new ReplyToCaseCommand(officer['sho-mufassil'], r.caseId, 'सूचना के लिए धन्यवाद'));
    expect(await lastReply()).toMatchObject({ to: '+919800000191', toChannel: 'sms', pseudonym: null });
  });

  it('puts a muted sender’s messages in the filtered queue without replying, and audits the mute', async () => {
    await member('sms', '+919800000201', group.town);
    const first = await filed('sms', '+919800000201', 'chowk pe roz jaam lagta hai, koi traffic wala nahi');
    await commands.execute(new MuteSenderCommand(officer['sho-town'], first.caseId, 'repeated abuse'));
    expect((await auditEvents('inbox.sender_muted')).at(-1)?.event).toMatchObject({
      body: { reason: 'repeated abuse' },
    });
    const replies = await replyCount();
    const next = await filed('sms', '+919800000201', 'mera mobile chori ho gaya bazar me');
    expect(await caseRow(next.caseId)).toMatchObject({ queue: 'filtered', filter_reason: 'muted' });
    expect(await replyCount()).toBe(replies);
  });

  it('answers politely once when a sender passes the hourly limit; emergencies still pass', async () => {
    await member('telegram', '900000211', group.town);
    for (let i = 0; i < INBOX_RATE_LIMIT_PER_HOUR; i++)
      await filed('telegram', '900000211', `sharab bik rahi hai ${i}`);
    const over = await filed('telegram', '900000211', 'sharab bik rahi hai phir se');
    expect(await caseRow(over.caseId)).toMatchObject({ queue: 'filtered', filter_reason: 'rate-limited' });
    expect(await lastReply()).toMatchObject({ reason: 'rate-limited', to: '900000211' });
    const replies = await replyCount();
    await filed('telegram', '900000211', 'sharab bik rahi hai aur bhi');
    expect(await replyCount()).toBe(replies);
    const urgent = await filed('telegram', '900000211', 'ghar me aag lag gayi hai jaldi');
    expect(urgent).toMatchObject({ queue: 'main', urgent: true });
  });

  it('moves a case through acknowledged, in progress and closed, with assignment and internal notes', async () => {
    await member('sms', '+919800000221', group.dharampur);
    const r = await filed('sms', '+919800000221', 'nadi kinare raat me balu ka avaidh khanan ho raha hai');
    const move = { execute: (c: TransitionCaseCommand) => commands.execute(c) };
    const sho = officer['sho-mufassil'];
    expect(await move.execute(new TransitionCaseCommand(sho, r.caseId, 'acknowledge'))).toMatchObject({
      status: 'acknowledged',
    });
    await expect(commands.execute(new AssignCaseCommand(sho, r.caseId, officer['sho-town'].id))).rejects.toMatchObject({
      status: 400,
    });
    await commands.execute(new AssignCaseCommand(sho, r.caseId, sho.id));
    await commands.execute(new AddCaseNoteCommand(sho, r.caseId, 'Beat 3 to check at night'));
    await move.execute(new TransitionCaseCommand(sho, r.caseId, 'start'));
    await move.execute(new TransitionCaseCommand(sho, r.caseId, 'close'));
    await expect(move.execute(new TransitionCaseCommand(sho, r.caseId, 'acknowledge'))).rejects.toMatchObject({
      status: 409,
    });
    await expect(move.execute(new TransitionCaseCommand(officer['sho-town'], r.caseId, 'close'))).rejects.toMatchObject(
      { status: 404 },
    );
    const detail = await queries.execute(new GetCaseQuery(sho, r.caseId));
    expect(detail).toMatchObject({ status: 'closed', assignedOfficerId: sho.id });
    expect(detail.notes).toEqual([expect.objectContaining({ text: 'Beat 3 to check at night', officerId: sho.id })]);
    const [counts] = await queries.execute(new CountCasesQuery(sho));
    expect(counts).toMatchObject({ inboxCode: 'SAM-MUFASSIL' });
    expect(counts.closed).toBeGreaterThanOrEqual(1);
  });
});
