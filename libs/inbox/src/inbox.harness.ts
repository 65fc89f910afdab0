import { INestApplicationContext, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditEvent } from '@jansetu/audit';
import { AutoReply, BroadcastModule } from '@jansetu/broadcast';
import { ChannelName } from '@jansetu/channels';
import { OfficerPrincipal, Role } from '@jansetu/identity';
import { ImportJurisdictionsCommand, JurisdictionModule } from '@jansetu/jurisdiction';
import { HandleCitizenMessageCommand, MembershipModule } from '@jansetu/membership';
import { BlindIndex, FieldCipher, maskContact, ShreddedError } from '@jansetu/platform';
import { contextModule, Unseal, unsealer } from '@jansetu/testing';
import {
  CitizenMessageFiled,
  FileCitizenMessageCommand,
} from './commands/file-citizen-message/file-citizen-message.command';
import { FileCitizenMessageHandler } from './commands/file-citizen-message/file-citizen-message.handler';
import { DecideRevealCommand } from './commands/decide-reveal/decide-reveal.command';
import { RequestRevealCommand } from './commands/request-reveal/request-reveal.command';
import { generateRevealKeyPair } from './domain/reveal-seal';
import { SENDER_LINK_CIPHER } from './domain/sender-link';
import { InboxModule } from './inbox.module';

/** Bihar → Samastipur (two stations, one village) and Patna: enough for every routing rule. */
export const INBOX_TREE = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
  { code: 'SAM-MUF-DHARAM', parentCode: 'SAM-MUFASSIL', level: 'locality', nameEn: 'Dharampur', nameHi: 'धरमपुर' },
  { code: 'SAM-TOWN', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Town', nameHi: 'नगर' },
  { code: 'PAT', parentCode: 'BR', level: 'district', nameEn: 'Patna', nameHi: 'पटना' },
];

type Filed = Extract<CitizenMessageFiled, { outcome: 'filed' }>;

/**
 * What the inbox integration specs share: InboxModule in a testing module on a fresh, migrated PostgreSQL
 * database holding INBOX_TREE, groups on the village, a station and the district, officers at each level, and
 * helpers to file a citizen's message and read what the inbox queued. Test code only (excluded from the build).
 */
export interface InboxHarness {
  module: INestApplicationContext;
  ds: DataSource;
  cipher: FieldCipher;
  /** Opens what the gateway sealed (data keys or the master key). */
  unseal: Unseal;
  linkCipher: FieldCipher;
  blind: BlindIndex;
  commands: CommandBus;
  queries: QueryBus;
  node: Record<string, { id: string; path: string }>;
  /** dharampur (the village), town (a station), samastipur (the district). */
  group: Record<'dharampur' | 'town' | 'samastipur', string>;
  /** sho-mufassil, sho-town, sp-samastipur, sp-patna, hq, hq-2, and those added by newOfficer. */
  officer: Record<string, OfficerPrincipal>;
  /** The HQ reveal private key whose public half the module was given (REVEAL_PUBLIC_KEY). */
  revealPrivateKey: string;
  /**
   * A reveal of this case requested by `who` and approved by a second officer above them (hq, or hq-2 for an HQ
   * requester), with the HQ key for anonymous cases: the world in which `who` may view the sender.
   */
  approvedReveal(who: string, caseId: string, reason: string): Promise<string>;
  /** An officer stored in the database at the node of that code (null: the whole state). */
  newOfficer(name: string, role: Role, code: string | null): Promise<OfficerPrincipal>;
  send(channel: ChannelName, from: string, text: string, messageId?: string): Promise<CitizenMessageFiled>;
  /** ERASE from this sender, as the dispatcher runs it: membership erases, then the inbox reacts to CitizenErased. */
  erase(channel: ChannelName, from: string): Promise<void>;
  filed(channel: ChannelName, from: string, text: string): Promise<Filed>;
  /** A citizen who joined these groups, stored as membership stores them; returns the citizen id. */
  member(channel: ChannelName, address: string, ...groupIds: string[]): Promise<string>;
  /** A member of the village group whose first message is filed as a tip at Mufassil. */
  tipAtMufassil(address: string, text?: string): Promise<Filed>;
  caseRow(id: string): Promise<Record<string, unknown>>;
  /** The last reply queued, with the channel and address it will reach. */
  lastReply(): Promise<AutoReply & { to: string; toChannel: string }>;
  replyCount(): Promise<number>;
  /** Delivers the domain events committed so far to the module's handlers and sagas, as the dispatcher does. */
  deliverEvents(): Promise<number>;
  auditEvents(type: string): Promise<{ event: AuditEvent }[]>;
  close(): Promise<void>;
}

export async function inboxHarness(
  runPrefix: string,
  label: string,
  /** Modules of contexts that react to the inbox's events (rumours), wired as the apps wire them. */
  extra: Type[] = [],
  /** Settings of this run (e.g. a short ALERT_ESCALATE_AFTER_SECONDS). */
  config: Record<string, string> = {},
): Promise<InboxHarness> {
  // Membership and broadcast too: ERASE is membership's, and the inbox reacts to its CitizenErased.
  const hqKey = generateRevealKeyPair();
  const ctx = await contextModule(
    runPrefix,
    label,
    [JurisdictionModule, MembershipModule, BroadcastModule, InboxModule, ...extra],
    { LOG_LEVEL: 'warn', REVEAL_PUBLIC_KEY: hqKey.publicKey, ...config },
  );
  const module = ctx.app;
  const ds = module.get(DataSource);
  const cipher = module.get(FieldCipher);
  const linkCipher = module.get<FieldCipher>(SENDER_LINK_CIPHER);
  const blind = module.get(BlindIndex);
  const commands = module.get(CommandBus);
  const file = module.get(FileCitizenMessageHandler);
  const node: InboxHarness['node'] = {};
  const group = {} as InboxHarness['group'];
  const officer: InboxHarness['officer'] = {};

  const send: InboxHarness['send'] = (channel, from, text, messageId = randomUUID()) =>
    file.execute(
      new FileCitizenMessageCommand(messageId, {
        channel,
        fromSealed: cipher.encrypt(from),
        text,
        providerMessageId: `ref-${randomUUID()}`,
        receivedAt: new Date().toISOString(),
      }),
    );
  const erase: InboxHarness['erase'] = async (channel, from) => {
    await commands.execute(
      new HandleCitizenMessageCommand(randomUUID(), {
        channel,
        fromSealed: cipher.encrypt(from),
        text: 'ERASE',
        providerMessageId: `ref-${randomUUID()}`,
        receivedAt: new Date().toISOString(),
      }),
    );
    await ctx.deliverEvents();
  };
  const filed: InboxHarness['filed'] = async (channel, from, text) => {
    const r = await send(channel, from, text);
    if (r.outcome !== 'filed') throw new Error(`not filed: ${r.outcome}`);
    return r;
  };
  const member: InboxHarness['member'] = async (channel, address, ...groupIds) => {
    const [c] = await ds.query<{ id: string }[]>(`INSERT INTO citizen (pseudonym) VALUES ($1) RETURNING id`, [
      `N-${randomUUID().slice(0, 8).toUpperCase()}`,
    ]);
    await ds.query(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred)
       VALUES ($1, $2, $3, $4, $5, true)`,
      [c.id, channel, cipher.encrypt(address), blind.hash(channel, address), maskContact(channel, address)],
    );
    for (const g of groupIds) {
      await ds.query(`INSERT INTO membership (group_id, citizen_id, status, consent) VALUES ($1, $2, 'active', '{}')`, [
        g,
        c.id,
      ]);
    }
    return c.id;
  };
  const asOfficer = async (name: string, role: Role, code: string | null) => {
    const [o] = await ds.query<{ id: string }[]>(
      `INSERT INTO officer (username, display_name, password_hash, role, jurisdiction_node_id)
       VALUES ($1, $1, 'x', $2, $3) RETURNING id`,
      [name, role, code ? node[code].id : null],
    );
    officer[name] = {
      id: o.id,
      username: name,
      role,
      jurisdictionNodeId: code ? node[code].id : null,
      jurisdictionPath: code ? node[code].path : null,
    };
    return officer[name];
  };

  await commands.execute(new ImportJurisdictionsCommand(INBOX_TREE));
  for (const r of await ds.query<{ code: string; id: string; path: string }[]>(
    `SELECT code, id, path FROM jurisdiction_node`,
  )) {
    node[r.code] = { id: r.id, path: r.path };
  }
  for (const [name, code] of [
    ['dharampur', 'SAM-MUF-DHARAM'],
    ['town', 'SAM-TOWN'],
    ['samastipur', 'SAM'],
  ] as const) {
    const [g] = await ds.query<{ id: string }[]>(
      `INSERT INTO citizen_group (jurisdiction_node_id, name, join_code) VALUES ($1, $2, $3) RETURNING id`,
      [node[code].id, name, String(100000 + Object.keys(group).length)],
    );
    group[name] = g.id;
  }
  await asOfficer('sho-mufassil', 'station_officer', 'SAM-MUFASSIL');
  await asOfficer('sho-town', 'station_officer', 'SAM-TOWN');
  await asOfficer('sp-samastipur', 'district_admin', 'SAM');
  await asOfficer('sp-patna', 'district_admin', 'PAT');
  await asOfficer('hq', 'hq_admin', null);
  await asOfficer('hq-2', 'hq_admin', null);

  return {
    module,
    ds,
    cipher,
    unseal: unsealer(module),
    linkCipher,
    blind,
    commands,
    queries: module.get(QueryBus),
    node,
    group,
    officer,
    newOfficer: asOfficer,
    revealPrivateKey: hqKey.privateKey,
    async approvedReveal(who, caseId, reason) {
      const req = await commands.execute(new RequestRevealCommand(officer[who], caseId, reason));
      const approver = officer[who].role === 'hq_admin' ? (who === 'hq' ? 'hq-2' : 'hq') : 'hq';
      await commands.execute(new DecideRevealCommand(officer[approver], req.id, 'approve', null, hqKey.privateKey));
      return req.id;
    },
    send,
    erase,
    filed,
    member,
    async tipAtMufassil(address, text = 'gaon ke school ke peeche roz raat ko sharab bikti hai') {
      await member('sms', address, group.dharampur);
      return filed('sms', address, text);
    },
    async caseRow(id) {
      const [row] = await ds.query<Record<string, unknown>[]>(
        `SELECT c.*, n.code FROM inbox_case c JOIN jurisdiction_node n ON n.id = c.node_id WHERE c.id = $1`,
        [id],
      );
      // The text is stored sealed under the sender's data key: read as the officer would see it.
      // After ERASE the key is gone: the officer sees that the words were erased, as the case view shows them.
      const text = await unsealer(module)(row.text as string).catch((e: Error) =>
        e instanceof ShreddedError ? '(erased)' : Promise.reject(e),
      );
      return row && { ...row, text };
    },
    async lastReply() {
      const [row] = await ds.query<{ payload: { payload: AutoReply } }[]>(
        `SELECT payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
      );
      const reply = row.payload.payload;
      if (reply.toSealed) return { ...reply, to: await unsealer(module)(reply.toSealed), toChannel: reply.channel! };
      const [cp] = await ds.query<{ channel: string; address_ciphertext: string }[]>(
        `SELECT channel, address_ciphertext FROM contact_point WHERE id = $1`,
        [reply.contactPointId],
      );
      return { ...reply, to: await unsealer(module)(cp.address_ciphertext), toChannel: cp.channel };
    },
    async replyCount() {
      const [{ n }] = await ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE type = 'reply.send'`,
      );
      return n;
    },
    auditEvents: (type) =>
      ds.query<{ event: AuditEvent }[]>(
        `SELECT payload -> 'payload' AS event FROM outbox_message WHERE type = $1 ORDER BY seq`,
        [type],
      ),
    deliverEvents: () => ctx.deliverEvents(),
    close: () => ctx.close(),
  };
}
