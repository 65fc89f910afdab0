import { CitizenHarness, citizenHarness } from '../../membership.harness';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AutoReply } from '@jansetu/broadcast';
import { OfficerPrincipal } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { BlindIndex } from '@jansetu/platform';
import { Unseal } from '@jansetu/testing';
import { CONSENT_NOTICE_VERSION } from '../../domain/notices';
import { CloseGroupCommand } from '../close-group/close-group.command';
import { CloseGroupHandler } from '../close-group/close-group.handler';
import { CreateGroupCommand } from '../create-group/create-group.command';
import { CreateGroupHandler } from '../create-group/create-group.handler';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
  { code: 'SAM-TOWN', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Town', nameHi: 'नगर' },
];

describe('citizen keywords on PostgreSQL', () => {
  let dataSource: DataSource;
  let unseal: Unseal;
  let blind: BlindIndex;
  let hq: OfficerPrincipal;
  let mufassil: { id: string; joinCode: string };
  let town: { id: string; joinCode: string };
  let closed: { id: string; joinCode: string };

  let send: CitizenHarness['send'];
  /** The last automatic reply queued, with the address it goes to. */
  const lastReply = async (): Promise<AutoReply & { to: string; toChannel: string }> => {
    const [row] = await dataSource.query<{ payload: { payload: AutoReply } }[]>(
      `SELECT payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
    );
    const reply = row.payload.payload;
    if (reply.toSealed) return { ...reply, to: await unseal(reply.toSealed), toChannel: reply.channel! };
    const [cp] = await dataSource.query<{ channel: string; address_ciphertext: string }[]>(
      `SELECT channel, address_ciphertext FROM contact_point WHERE id = $1`,
      [reply.contactPointId],
    );
    return { ...reply, to: await unseal(cp.address_ciphertext), toChannel: cp.channel };
  };
  const count = async (table: string) =>
    (await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const citizenOf = async (channel: string, address: string) =>
    (
      await dataSource.query<{ citizen_id: string; preferred: boolean; id: string }[]>(
        `SELECT citizen_id, preferred, id FROM contact_point WHERE channel = $1 AND address_hash = $2`,
        [channel, blind.hash(channel, address)],
      )
    )[0];
  const memberships = async (citizenId: string) =>
    dataSource.query<{ group_id: string; status: string; consent: Record<string, unknown>; withdrawal: unknown }[]>(
      `SELECT group_id, status, consent, withdrawal FROM membership WHERE citizen_id = $1 ORDER BY joined_at`,
      [citizenId],
    );

  beforeAll(async () => {
    const harness = await citizenHarness(inject('runPrefix'), 'membership_keywords', tree);
    ({ dataSource, unseal, blind, send } = harness);
    const audit = harness.audit;
    hq = await harness.hq();
    const groups = new CreateGroupHandler(dataSource, new JurisdictionLookup(), audit);
    mufassil = await groups.execute(new CreateGroupCommand(hq, 'SAM-MUFASSIL', 'मुफस्सिल जनसेतु', 'hi'));
    town = await groups.execute(new CreateGroupCommand(hq, 'SAM-TOWN', 'नगर जनसेतु', 'hi'));
    closed = await groups.execute(new CreateGroupCommand(hq, 'SAM-TOWN', 'पुराना समूह', 'hi'));
    await new CloseGroupHandler(dataSource, audit).execute(new CloseGroupCommand(hq, closed.id));
  });
  afterAll(async () => dataSource?.destroy());

  it('joins by SMS keyword, records consent, and answers with the notice', async () => {
    const text = `जुड़ें ${mufassil.joinCode}`;
    expect(await send('sms', '+919800000001', text)).toEqual({ handled: 'join' });
    const reply = await lastReply();
    expect(reply).toMatchObject({ reason: 'join-confirmation', to: '+919800000001', toChannel: 'sms' });
    expect(reply.pseudonym).toMatch(/^N-[0-9A-Z]{8}$/);
    // The notice in the citizen's language only (Hindi until they choose), saying how to switch to English.
    expect(reply.text).toMatch(/बिहार पुलिस[\s\S]*STOP[\s\S]*English: LANG EN$/);
    const citizen = await citizenOf('sms', '+919800000001');
    const [membership] = await memberships(citizen.citizen_id);
    expect(membership).toMatchObject({ group_id: mufassil.id, status: 'active', withdrawal: null });
    expect(membership.consent).toMatchObject({ channel: 'sms', words: text, noticeVersion: CONSENT_NOTICE_VERSION });
    expect(Date.parse(membership.consent.at as string)).toBeGreaterThan(Date.now() - 60_000);
    const [audited] = await dataSource.query(
      `SELECT payload -> 'payload' AS event FROM outbox_message WHERE type = 'membership.joined'`,
    );
    expect(audited.event).toMatchObject({ type: 'membership.joined', subject: { groupId: mufassil.id } });
  });

  it('takes a second JOIN of the same group as harmless', async () => {
    const before = { cp: await count('contact_point'), m: await count('membership') };
    expect(await send('sms', '+919800000001', `JOIN ${mufassil.joinCode}`)).toEqual({ handled: 'join' });
    expect((await lastReply()).reason).toBe('already-member');
    expect({ cp: await count('contact_point'), m: await count('membership') }).toEqual(before);
  });

  it('answers an unknown code helpfully and stores nothing about the sender', async () => {
    const before = { c: await count('citizen'), cp: await count('contact_point'), m: await count('membership') };
    await send('whatsapp', '+919800000002', 'join 999999');
    const reply = await lastReply();
    expect(reply).toMatchObject({
      reason: 'unknown-code',
      to: '+919800000002',
      toChannel: 'whatsapp',
      pseudonym: null,
    });
    expect(reply.contactPointId).toBeUndefined();
    expect(reply.text).toContain('999999');
    expect({ c: await count('citizen'), cp: await count('contact_point'), m: await count('membership') }).toEqual(
      before,
    );
  });

  it('refuses to join a closed group, with a reply, storing nothing', async () => {
    const before = await count('contact_point');
    await send('telegram', '5550001', `/start ${closed.joinCode}`);
    expect(await lastReply()).toMatchObject({ reason: 'group-closed', to: '5550001', pseudonym: null });
    expect(await count('contact_point')).toBe(before);
  });

  it('answers HELP and MY GROUPS from a stranger without storing them', async () => {
    const before = await count('contact_point');
    await send('sms', '+919800000003', 'help');
    expect(await lastReply()).toMatchObject({ reason: 'help', to: '+919800000003', pseudonym: null });
    await send('sms', '+919800000003', 'mere group');
    expect(await lastReply()).toMatchObject({ reason: 'not-a-member', to: '+919800000003' });
    await send('sms', '+919800000003', 'LEAVE 123456');
    expect(await lastReply()).toMatchObject({ reason: 'not-a-member', to: '+919800000003' });
    expect(await count('contact_point')).toBe(before);
  });

  it('lists my groups, stores the language choice, and leaves one group by code', async () => {
    const me = '+919800000001';
    await send('sms', me, `judo ${town.joinCode}`);
    await send('sms', me, 'MY GROUPS');
    const listed = await lastReply();
    expect(listed.reason).toBe('my-groups');
    expect(listed.text).toContain(mufassil.joinCode);
    expect(listed.text).toContain(town.joinCode);

    await send('sms', me, 'LANG EN');
    expect(await lastReply()).toMatchObject({
      reason: 'language-set',
      text: 'JanSetu: police messages will now come in English (in Hindi when one has no English text).',
    });
    const { citizen_id } = await citizenOf('sms', me);
    expect(await dataSource.query(`SELECT language FROM citizen WHERE id = $1`, [citizen_id])).toEqual([
      { language: 'en' },
    ]);
    await send('sms', me, 'HELP');
    expect((await lastReply()).text).toMatch(/^JanSetu \(Bihar Police\): JOIN <code>/);
    // Urdu by its own script: stored, answered in Urdu, right to left.
    await send('sms', me, 'LANG اردو');
    expect((await lastReply()).text).toBe(
      '\u200fجن سیتو: اب پولیس کے پیغامات اردو میں آئیں گے (اردو متن نہ ہو تو ہندی میں)۔',
    );
    await send('sms', me, 'भाषा भोजपुरी');
    expect((await lastReply()).text).toMatch(/भोजपुरी में आई/);
    expect(await dataSource.query(`SELECT language FROM citizen WHERE id = $1`, [citizen_id])).toEqual([
      { language: 'bho' },
    ]);
    await send('sms', me, 'भाषा हिंदी');
    expect(await dataSource.query(`SELECT language FROM citizen WHERE id = $1`, [citizen_id])).toEqual([
      { language: 'hi' },
    ]);

    // A broadcast to the town group alone is still queued for this citizen, and one to both groups.
    const [author] = await dataSource.query<{ id: string }[]>(`SELECT id FROM officer LIMIT 1`);
    const queue = async (groupIds: string[]) => {
      const [b] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO broadcast (author_id, category, body, audience, status) VALUES ($1, 'alert', '{"hi":"x"}', $2, 'sending') RETURNING id`,
        [author.id, JSON.stringify({ groupIds })],
      );
      const cp = await citizenOf('sms', me);
      await dataSource.query(
        `INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status) VALUES ($1, $2, $3, 'sms', 'hi', 'pending')`,
        [b.id, citizen_id, cp.id],
      );
      return b.id;
    };
    const townOnly = await queue([town.id]);
    const both = await queue([town.id, mufassil.id]);

    await send('sms', me, `chhodo ${town.joinCode}`);
    expect(await lastReply()).toMatchObject({ reason: 'left-group', to: me });
    const [, left] = await memberships(citizen_id);
    expect(left).toMatchObject({ group_id: town.id, status: 'left' });
    expect(left.withdrawal).toMatchObject({ channel: 'sms', words: `chhodo ${town.joinCode}` });
    const status = async (broadcastId: string) =>
      (await dataSource.query(`SELECT status, failure FROM delivery WHERE broadcast_id = $1`, [broadcastId]))[0];
    expect(await status(townOnly)).toEqual({ status: 'cancelled', failure: 'left-group' });
    expect(await status(both)).toEqual({ status: 'pending', failure: null });

    await send('sms', me, `LEAVE ${town.joinCode}`);
    expect((await lastReply()).reason).toBe('not-a-member');
  });

  it('asks which group when LEAVE has no code and there are several, and leaves the only one otherwise', async () => {
    const me = '+919800000010';
    await send('sms', me, `JOIN ${mufassil.joinCode}`);
    await send('sms', me, `JOIN ${town.joinCode}`);
    await send('sms', me, 'leave');
    expect((await lastReply()).reason).toBe('my-groups');
    await send('sms', me, `छोड़ें ${mufassil.joinCode}`);
    await send('sms', me, 'छोड़ें');
    expect(await lastReply()).toMatchObject({ reason: 'left-group' });
    const { citizen_id } = await citizenOf('sms', me);
    expect((await memberships(citizen_id)).map((m) => m.status)).toEqual(['left', 'left']);
  });

  it.each([
    ['बंद', '+919800000020'],
    ['STOP', '+919800000021'],
  ])('stops everything on %j: all groups left, queued messages cancelled', async (word, me) => {
    await send('whatsapp', me, `JOIN ${mufassil.joinCode}`);
    await send('whatsapp', me, `JOIN ${town.joinCode}`);
    const { citizen_id, id } = await citizenOf('whatsapp', me);
    const [author] = await dataSource.query<{ id: string }[]>(`SELECT id FROM officer LIMIT 1`);
    const [b] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO broadcast (author_id, category, body, audience, status) VALUES ($1, 'alert', '{"hi":"x"}', $2, 'sending') RETURNING id`,
      [author.id, JSON.stringify({ groupIds: [mufassil.id] })],
    );
    await dataSource.query(
      `INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status) VALUES ($1, $2, $3, 'whatsapp', 'hi', 'pending')`,
      [b.id, citizen_id, id],
    );

    expect(await send('whatsapp', me, word)).toEqual({ handled: 'stop' });
    expect(await lastReply()).toMatchObject({ reason: 'stop-confirmation', to: me });
    expect((await memberships(citizen_id)).map((m) => m.status)).toEqual(['left', 'left']);
    expect((await memberships(citizen_id))[0].withdrawal).toMatchObject({ channel: 'whatsapp', words: word });
    expect(
      await dataSource.query(`SELECT opted_out_at IS NOT NULL AS stopped FROM citizen WHERE id = $1`, [citizen_id]),
    ).toEqual([{ stopped: true }]);
    expect(await dataSource.query(`SELECT status, failure FROM delivery WHERE broadcast_id = $1`, [b.id])).toEqual([
      { status: 'cancelled', failure: 'opted-out' },
    ]);

    // Joining again is the citizen's own act and lifts the STOP.
    await send('whatsapp', me, `JOIN ${town.joinCode}`);
    expect((await lastReply()).reason).toBe('join-confirmation');
    expect(
      await dataSource.query(`SELECT opted_out_at IS NULL AS active FROM citizen WHERE id = $1`, [citizen_id]),
    ).toEqual([{ active: true }]);
  });

  it('links a second messenger with a one-time code; the newest is preferred until PREFER', async () => {
    const sms = '+919800000030';
    const chat = '7770001';
    await send('sms', sms, `JOIN ${mufassil.joinCode}`);
    await send('sms', sms, 'LINK');
    const issued = await lastReply();
    expect(issued).toMatchObject({ reason: 'link-code', to: sms });
    const code = /LINK (\d{8})/.exec(issued.text)![1];
    expect(await dataSource.query(`SELECT code_hash FROM contact_link_code`)).not.toContainEqual({ code_hash: code });

    await send('telegram', chat, `/link ${code}`);
    expect(await lastReply()).toMatchObject({ reason: 'linked', to: chat, toChannel: 'telegram' });
    const first = await citizenOf('sms', sms);
    const second = await citizenOf('telegram', chat);
    expect(second.citizen_id).toBe(first.citizen_id);
    expect([first.preferred, second.preferred]).toEqual([false, true]);

    // The code works once.
    await send('whatsapp', '+919800000031', `LINK ${code}`);
    expect(await lastReply()).toMatchObject({ reason: 'link-code', to: '+919800000031', pseudonym: null });
    expect(await citizenOf('whatsapp', '+919800000031')).toBeUndefined();

    await send('sms', sms, 'PREFER');
    expect((await citizenOf('sms', sms)).preferred).toBe(true);
    expect((await citizenOf('telegram', chat)).preferred).toBe(false);
    // STOP on either channel stops the citizen on every channel.
    await send('telegram', chat, '/stop');
    expect(
      await dataSource.query(`SELECT opted_out_at IS NOT NULL AS stopped FROM citizen WHERE id = $1`, [
        first.citizen_id,
      ]),
    ).toEqual([{ stopped: true }]);
  });

  it('merges a messenger that joined on its own into the citizen who sent the code', async () => {
    const sms = '+919800000040';
    const wa = '+919800000041';
    await send('sms', sms, `JOIN ${mufassil.joinCode}`);
    await send('whatsapp', wa, `JOIN ${town.joinCode}`);
    await send('sms', sms, 'link');
    const code = /LINK (\d{8})/.exec((await lastReply()).text)![1];
    await send('whatsapp', wa, `link ${code.slice(0, 4)} ${code.slice(4)}`);
    expect((await lastReply()).reason).toBe('linked');
    const owner = await citizenOf('sms', sms);
    expect((await citizenOf('whatsapp', wa)).citizen_id).toBe(owner.citizen_id);
    expect((await memberships(owner.citizen_id)).map((m) => [m.group_id, m.status])).toEqual([
      [mufassil.id, 'active'],
      [town.id, 'active'],
    ]);
  });

  it('runs each bus message once, and hands a non-command to the inbox without storing it', async () => {
    const messageId = randomUUID();
    const me = '+919800000050';
    expect(await send('sms', me, `JOIN ${mufassil.joinCode}`, messageId)).toEqual({ handled: 'join' });
    expect(await send('sms', me, `JOIN ${mufassil.joinCode}`, messageId)).toEqual({ handled: 'duplicate' });

    const member = await citizenOf('sms', me);
    const handed = await send('sms', me, 'गाँव में शराब बिक रही है');
    expect(handed).toMatchObject({ handled: 'message', sender: { citizenId: member.citizen_id } });
    const before = await count('contact_point');
    expect(await send('sms', '+919800000051', 'नमस्ते सर')).toEqual({ handled: 'message', sender: null });
    expect(await count('contact_point')).toBe(before);
  });
});
