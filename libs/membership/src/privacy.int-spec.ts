import { CitizenHarness, citizenHarness } from './membership.harness';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ChannelName } from '@jansetu/channels';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { BlindIndex } from '@jansetu/platform';
import { Unseal } from '@jansetu/testing';
import { CreateGroupCommand } from './commands/create-group/create-group.command';
import { CreateGroupHandler } from './commands/create-group/create-group.handler';
import { ListGroupMembersQuery } from './queries/list-group-members/list-group-members.query';
import { ListGroupMembersHandler } from './queries/list-group-members/list-group-members.handler';
import { GroupRepository } from './persistence/group.repository';
import { MemberDirectoryRepository } from './persistence/member-directory.repository';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
];

interface Member {
  channel: ChannelName;
  address: string;
  /** Every way the address could be written in clear: +91 form, 91 form, the 10 national digits, a chat id. */
  forms: string[];
}

/** 1,000 distinct members: 600 on SMS, 250 on WhatsApp (+91 numbers), 150 on Telegram (chat ids). */
function members(): Member[] {
  const out: Member[] = [];
  for (let i = 0; i < 1000; i++) {
    if (i < 850) {
      const national = String(6_000_000_000 + ((i * 2_654_435_761) % 3_999_999_999));
      out.push({
        channel: i < 600 ? 'sms' : 'whatsapp',
        address: `+91${national}`,
        forms: [`+91${national}`, `91${national}`, national, `${national.slice(0, 5)} ${national.slice(5)}`],
      });
    } else {
      const chat = String(5_000_000_000 + ((i * 40_503) % 999_999_999));
      out.push({ channel: 'telegram', address: chat, forms: [chat] });
    }
  }
  return out;
}

describe('a database holding 1,000 members keeps none of their numbers or chat ids in clear', () => {
  let dataSource: DataSource;
  let unseal: Unseal;
  let blind: BlindIndex;
  const people = members();

  let harness: CitizenHarness;
  const send = (m: Member, text: string) => harness.send(m.channel, m.address, text);

  beforeAll(async () => {
    // Membership's own storage: the inbox, which keeps tip texts by design, is left out.
    harness = await citizenHarness(inject('runPrefix'), 'membership_privacy', tree, { inbox: false });
    ({ dataSource, unseal, blind } = harness);
    const audit = harness.audit;
    const hq = await harness.hq();
    const create = new CreateGroupHandler(dataSource, new JurisdictionLookup(), audit);
    const a = await create.execute(new CreateGroupCommand(hq, 'SAM-MUFASSIL', 'मुफस्सिल जनसेतु', 'hi'));
    const b = await create.execute(new CreateGroupCommand(hq, 'SAM-MUFASSIL', 'मुफस्सिल महिला सुरक्षा', 'hi'));

    // Every path that touches an address: join, second join, unknown code, help, language, my groups, leave,
    // STOP, link codes and their redemption, and plain messages for the inbox.
    for (const [i, m] of people.entries()) {
      await send(m, `${['JOIN', 'जुड़ें', 'judo'][i % 3]} ${a.joinCode}`);
      if (i % 2 === 0) await send(m, `JOIN ${b.joinCode}`);
      if (i % 10 === 0) await send(m, `JOIN ${a.joinCode}`);
      if (i % 10 === 1) await send(m, 'JOIN 000000');
      if (i % 10 === 2) await send(m, 'LANG EN');
      if (i % 10 === 3) await send(m, 'MY GROUPS');
      if (i % 10 === 4) await send(m, `LEAVE ${b.joinCode}`);
      if (i % 10 === 5) await send(m, 'STOP');
      if (i % 10 === 6) await send(m, 'help');
      if (i % 10 === 7) await send(m, `मेरा नंबर ${m.address} है, गाँव में चोरी हुई`);
      if (i % 10 === 8) await send(m, `JOIN ${m.forms[m.forms.length - 1]}`);
    }
    // Strangers who never joined: an unknown code and HELP are answered without storing them.
    await send({ channel: 'sms', address: '+919999999001', forms: [] }, 'JOIN 111111');
    // Half of the SMS members link a Telegram chat of a member who joined separately.
    for (let i = 0; i < 20; i++) {
      await send(people[i], 'LINK');
      const [reply] = await dataSource.query<{ text: string }[]>(
        `SELECT payload -> 'payload' ->> 'text' AS text FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
      );
      await send(people[900 + i], `LINK ${/LINK (\d{8})/.exec(reply.text)![1]}`);
    }
  }, 300_000);
  afterAll(async () => dataSource?.destroy());

  it('stores every member, sealed and findable by blind index', async () => {
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM contact_point`)).toEqual([{ n: 1000 }]);
    for (const m of [people[0], people[700], people[950]]) {
      const [row] = await dataSource.query<{ address_ciphertext: string }[]>(
        `SELECT address_ciphertext FROM contact_point WHERE channel = $1 AND address_hash = $2`,
        [m.channel, blind.hash(m.channel, m.address)],
      );
      expect(await unseal(row.address_ciphertext)).toBe(m.address);
    }
  });

  it('has no number or chat id in clear in any column of any table', async () => {
    const tables = await dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['citizen', 'contact_point', 'membership', 'outbox_message', 'audit_chain']),
    );
    const leaks: string[] = [];
    for (const { table_name } of tables) {
      // The whole row as text: every column of every type, jsonb nested values included.
      const rows = await dataSource.query<{ t: string }[]>(`SELECT t::text AS t FROM "${table_name}" t`);
      const dump = rows.map((r) => r.t).join('\n');
      for (const m of people) {
        for (const form of m.forms) if (dump.includes(form)) leaks.push(`${table_name}: ${m.channel} member`);
      }
      if (dump.includes('9999999001')) leaks.push(`${table_name}: stranger`);
    }
    // A citizen's own message text is not kept by membership (the inbox decides); nothing leaked anywhere.
    expect(leaks).toEqual([]);
  });

  it('shows officers masked numbers only', async () => {
    const [group] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM citizen_group ORDER BY created_at LIMIT 1`,
    );
    const listed = await new ListGroupMembersHandler(
      new GroupRepository(dataSource),
      new MemberDirectoryRepository(dataSource),
      blind,
    ).execute(
      new ListGroupMembersQuery(
        { id: randomUUID(), username: 'hq', role: 'hq_admin', jurisdictionNodeId: null, jurisdictionPath: null },
        group.id,
        1000,
      ),
    );
    expect(listed.length).toBeGreaterThan(800);
    const json = JSON.stringify(listed);
    expect(people.filter((m) => m.forms.some((f) => json.includes(f)))).toEqual([]);
  });
});
