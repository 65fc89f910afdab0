import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertsModule } from '@jansetu/alerts';
import { BroadcastModule } from '@jansetu/broadcast';
import { InboxModule } from '@jansetu/inbox';
import { ReceiveInboundMessageCommand } from '@jansetu/channels';
import { ImportJurisdictionsCommand, JurisdictionModule } from '@jansetu/jurisdiction';
import { CreateGroupCommand, MembershipModule } from '@jansetu/membership';
import { DataKeys, FieldCipher, OutboxRelayModule } from '@jansetu/platform';
import { ContextModule, contextModule, eventually } from '@jansetu/testing';
import { DispatchConsumer } from './dispatch/dispatch.consumer';
import { DomainEventsConsumer } from './domain-events/domain-events.consumer';
import { InboundConsumer } from './inbound/inbound.consumer';
// The inbox's own key for the sender links of anonymous and non-member cases: one of the keys the gateway holds.
// eslint-disable-next-line no-restricted-imports
import { SENDER_LINK_CIPHER } from '../../../libs/inbox/src/domain/sender-link';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
];

/** The dispatcher's relay and consumers that carry a citizen's messages (alerts first: an officer's reply), over the real Kafka broker. */
@Module({
  imports: [OutboxRelayModule, MembershipModule, BroadcastModule, InboxModule, AlertsModule],
  providers: [InboundConsumer, DomainEventsConsumer, DispatchConsumer],
})
class CitizenFlowWorkers {}

/** Every sealed value the gateway writes: "dk:<uuid>:iv:tag:data" or "<master key id>:iv:tag:data". */
const SEALED = /(?:dk:[0-9a-f-]{36}|[a-z0-9-]{1,16}):[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]*/g;

describe('ERASE reaches every copy: tables and Kafka topics hold nothing that opens to the number or the tips', () => {
  const prefix = `${inject('runPrefix')}.erasure.${Date.now()}.`;
  const number = '+919812345678';
  const tips = ['बाज़ार के पीछे रोज़ रात अवैध शराब बिकती है', 'the red bolero near the school carries ganja'];
  // Someone who never joined: a tip, then ERASE. Their key (created by the webhook) goes the same way.
  const stranger = '+919700004242';
  const strangerTip = 'पुल के नीचे हथियार छिपाए गए हैं';
  let ctx: ContextModule;

  beforeAll(async () => {
    ctx = await contextModule(inject('runPrefix'), 'dispatcher_erasure', [JurisdictionModule, CitizenFlowWorkers], {
      KAFKA_BROKERS: inject('kafkaBrokers'),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_PARTITIONS: '2',
      CHANNEL_SIMULATOR: 'true',
      LOG_LEVEL: 'warn',
    });
    await ctx.commands.execute(new ImportJurisdictionsCommand(tree));
    const [officer] = await ctx.dataSource.query<{ id: string }[]>(
      `INSERT INTO officer (username, display_name, password_hash, role) VALUES ('hq', 'HQ', 'x', 'hq_admin') RETURNING id`,
    );
    const hq = {
      id: officer.id,
      username: 'hq',
      role: 'hq_admin' as const,
      jurisdictionNodeId: null,
      jurisdictionPath: null,
    };
    const group = await ctx.commands.execute(new CreateGroupCommand(hq, 'SAM-MUFASSIL', 'मुफस्सिल जनसेतु', 'hi'));

    // As the webhooks do: each message sealed and queued on jansetu.inbound.v1, carried by Kafka to membership.
    const receive = (text: string, from = number) =>
      ctx.commands.execute(new ReceiveInboundMessageCommand('simulator', from, text, `sim-${randomUUID()}`));
    const rows = async (sql: string) => (await ctx.dataSource.query<{ n: number }[]>(sql))[0].n;
    await receive(`JOIN ${group.joinCode}`);
    await eventually(async () => expect(await rows(`SELECT count(*)::int AS n FROM membership`)).toBe(1));
    for (const tip of tips) await receive(tip);
    await eventually(async () =>
      expect(await rows(`SELECT count(*)::int AS n FROM processed_message WHERE consumer = 'membership.inbound'`)).toBe(
        3,
      ),
    );
    await receive(strangerTip, stranger);
    // The inbox filed all three (the stranger's in the state inbox) before anyone erases.
    await eventually(async () => expect(await rows(`SELECT count(*)::int AS n FROM inbox_case`)).toBe(3));
    await receive('ERASE');
    await receive('ERASE', stranger);
    await eventually(async () =>
      expect(await rows(`SELECT count(*)::int AS n FROM contact_point WHERE address_hash LIKE 'erased:%'`)).toBe(1),
    );
    await eventually(async () =>
      expect(await rows(`SELECT count(*)::int AS n FROM processed_message WHERE consumer = 'membership.inbound'`)).toBe(
        6,
      ),
    );
    // The confirmation went out (its own key shredded with it), and everything queued has reached the topics.
    await eventually(async () =>
      expect(await rows(`SELECT count(*)::int AS n FROM citizen_key WHERE subject IS NULL`)).toBe(0),
    );
    await eventually(async () =>
      expect(await rows(`SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`)).toBe(0),
    );
  });
  afterAll(async () => ctx?.close());

  /** Whole rows of every table, as text. */
  async function dumpTables(): Promise<string[]> {
    const tables = await ctx.dataSource.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const out: string[] = [];
    for (const { table_name } of tables) {
      const rows = await ctx.dataSource.query<{ row: string }[]>(`SELECT t::text AS row FROM "${table_name}" t`);
      out.push(...rows.map((r) => `${table_name}: ${r.row}`));
    }
    return out;
  }

  /** Every message of every topic of this test's prefix, read from the broker from the beginning. */
  async function dumpTopics(): Promise<string[]> {
    const kafka = new Kafka({
      clientId: 'erasure-dump',
      brokers: inject('kafkaBrokers').split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    const expected = new Map<string, number>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) expected.set(`${topic}/${p.partition}`, Number(p.high));
    }
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: `${prefix}dump.${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const out: string[] = [];
    const seen = new Map<string, number>();
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const finished = () => [...expected].every(([tp, high]) => (seen.get(tp) ?? 0) >= high);
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        out.push(`${topic}: ${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''}`);
        seen.set(`${topic}/${partition}`, Number(message.offset) + 1);
        if (finished()) done();
      },
    });
    if (!finished()) await all;
    await consumer.disconnect();
    return out;
  }

  it('finds no number and no tip in clear, and nothing sealed that any key of the gateway opens to them', async () => {
    const tables = await dumpTables();
    const topics = await dumpTopics();
    // The flow did run through Kafka: the JOIN, the three tips and both ERASEs are on the inbound topic.
    expect(topics.filter((t) => t.startsWith(`${prefix}jansetu.inbound.v1`))).toHaveLength(6);
    expect(topics.some((t) => t.includes('CitizenMessageReceived'))).toBe(true);

    const secrets = [number, number.slice(3), ...tips, stranger, stranger.slice(3), strangerTip];
    const everything = [...tables, ...topics];
    for (const line of everything) for (const s of secrets) expect(line).not.toContain(s);

    // Every key the gateway holds: the data keys left in citizen_key and the master key itself.
    const keys = ctx.app.get(DataKeys);
    const master = ctx.app.get(FieldCipher);
    const sealed = [...new Set(everything.flatMap((line) => line.match(SEALED) ?? []))];
    expect(sealed.length).toBeGreaterThan(10);
    const link = ctx.app.get<FieldCipher>(SENDER_LINK_CIPHER);
    const tryDecrypt = (cipher: FieldCipher, value: string) => {
      try {
        return cipher.decrypt(value);
      } catch {
        return undefined;
      }
    };
    const opened: string[] = [];
    // What opens may hold sealed values again (a sender link holds the address sealed): those are tried too.
    for (const queue = [...sealed]; queue.length;) {
      const value = queue.shift()!;
      const plain =
        (await keys.open(value).catch(() => undefined)) ?? tryDecrypt(master, value) ?? tryDecrypt(link, value);
      if (plain === undefined) continue;
      opened.push(plain);
      queue.push(...(plain.match(SEALED) ?? []));
    }
    for (const plain of opened) for (const s of secrets) expect(plain).not.toContain(s);
    // What was the citizen's is gone with their key; what still opens is the system's own (e.g. data keys).
    expect(opened.length).toBeLessThan(sealed.length);
  });
});
