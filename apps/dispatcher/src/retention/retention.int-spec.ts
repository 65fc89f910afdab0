import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BroadcastModule, GetBroadcastQuery } from '@jansetu/broadcast';
import { DataKeys, TransportRetentionModule } from '@jansetu/platform';
import { ContextModule, contextModule } from '@jansetu/testing';
import { RetentionJob } from './retention.job';

@Module({ imports: [TransportRetentionModule, BroadcastModule], providers: [RetentionJob] })
class RetentionUnderTest {}

describe('the retention job keeps the transport tables bounded', () => {
  let ctx: ContextModule;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    ctx.dataSource.query<T[]>(sql, params);
  const count = async (sql: string, params: unknown[] = []) => (await q<{ n: number }>(sql, params))[0].n;
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  beforeAll(async () => {
    ctx = await contextModule(inject('runPrefix'), 'dispatcher_retention', [RetentionUnderTest], {
      RETENTION_EVERY_MINUTES: '0',
      RETENTION_BATCH_SIZE: '100',
    });
  });
  afterAll(async () => ctx?.close());

  it('purges what no one needs any more, keeps the rest, and audits the run as a system act', async () => {
    const outbox = (createdDaysAgo: number, publishedDaysAgo: number | null) =>
      q(
        `INSERT INTO outbox_message (id, topic, key, type, payload, created_at, published_at) VALUES ($1, 'jansetu.events.v1', 'k', 't', '{}', $2, $3)`,
        [randomUUID(), ago(createdDaysAgo), publishedDaysAgo === null ? null : ago(publishedDaysAgo)],
      );
    for (let i = 0; i < 250; i++) await outbox(5, 4); // published long ago: gone
    await outbox(5, null); // never published: kept
    await outbox(1, 0.5); // published recently: kept

    for (let i = 0; i < 5; i++) {
      await q(
        `INSERT INTO bus_message (id, topic, key, type, payload, created_at) VALUES ($1, 'jansetu.inbound.v1', 'k', 't', '{}', $2)`,
        [randomUUID(), ago(5)],
      );
    }
    const [{ seq }] = await q<{ seq: string }>(`SELECT min(seq) + 2 AS seq FROM bus_message`);
    // One group read three of the five, another all of them: only what both read goes.
    await q(
      `INSERT INTO bus_offset (group_id, topic, last_seq) VALUES ('a', 'jansetu.inbound.v1', $1), ('b', 'jansetu.inbound.v1', $1 + 2)`,
      [seq],
    );

    await q(
      `INSERT INTO processed_message (consumer, message_id, processed_at) VALUES ('c', $1, $2), ('c', $3, now())`,
      [randomUUID(), ago(30), randomUUID()],
    );
    await q(
      `INSERT INTO inbound_receipt (channel, provider_message_id, received_at) VALUES ('sms', 'old', $1), ('sms', 'new', now())`,
      [ago(30)],
    );

    const keys = ctx.app.get(DataKeys);
    const sealed = keys.seal(await keys.ephemeral(1), 'ERASE confirmation');
    await q(`UPDATE citizen_key SET expires_at = $1`, [ago(1)]);
    const sender = await keys.sealFor('sms', '+919800000001', 'a tip');

    // A broadcast completed 40 days ago with three deliveries, one sending now.
    const [officer] = await q<{ id: string }>(
      `INSERT INTO officer (username, display_name, password_hash, role) VALUES ('hq', 'HQ', 'x', 'hq_admin') RETURNING id`,
    );
    const [citizen] = await q<{ id: string }>(`INSERT INTO citizen (pseudonym) VALUES ('N-RET') RETURNING id`);
    const [cp] = await q<{ id: string }>(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked) VALUES ($1, 'sms', 'x', 'h', '•••') RETURNING id`,
      [citizen.id],
    );
    const broadcast = async (status: string, daysAgo: number) => {
      const [b] = await q<{ id: string }>(
        `INSERT INTO broadcast (author_id, category, body, audience, status, status_changed_at) VALUES ($1, 'awareness', '{}', '{}', $2, $3) RETURNING id`,
        [officer.id, status, ago(daysAgo)],
      );
      await q(
        `INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status) VALUES ($1, $2, $3, 'sms', 'hi', 'delivered')`,
        [b.id, citizen.id, cp.id],
      );
      return b.id;
    };
    const hq = {
      id: officer.id,
      username: 'hq',
      role: 'hq_admin' as const,
      jurisdictionNodeId: null,
      jurisdictionPath: null,
    };
    // Two replies' send records: one 40 days old, one from today.
    for (const [id, daysAgo] of [
      ['old-reply', 40],
      ['new-reply', 0],
    ] as const)
      await q(
        `INSERT INTO reply_send (message_id, reason, channel, status, sent_at) VALUES ($1, 'help', 'sms', 'delivered', $2)`,
        [id, ago(daysAgo)],
      );
    // Two kept for a resend a receipt might still ask for: two days old (no receipt will now) and from today.
    for (const [id, daysAgo] of [
      ['kept-reply', 2],
      ['fresh-reply', 0],
    ] as const)
      await q(
        `INSERT INTO reply_send (message_id, reason, channel, status, sent_at, payload)
         VALUES ($1, 'inbox-ack', 'telegram', 'sent', $2, '{"text":"धन्यवाद"}')`,
        [id, ago(daysAgo)],
      );
    const finished = await broadcast('completed', 40);
    const sending = await broadcast('sending', 40);
    const summaryBefore = await ctx.queries.execute(new GetBroadcastQuery(hq, finished));

    const purged = await ctx.app.get(RetentionJob).runOnce();

    expect(purged).toEqual({
      outbox_message: 250,
      bus_message: 3,
      processed_message: 1,
      inbound_receipt: 1,
      citizen_key: 1,
      delivery: 1,
      reply_send: 1,
    });
    expect(await q(`SELECT message_id, payload IS NOT NULL AS kept FROM reply_send ORDER BY message_id`)).toEqual([
      { message_id: 'fresh-reply', kept: true },
      { message_id: 'kept-reply', kept: false },
      { message_id: 'new-reply', kept: false },
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM outbox_message WHERE type = 't'`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM bus_message`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM delivery WHERE broadcast_id = $1`, [sending])).toBe(1);
    // The finished broadcast reads the same without its delivery rows.
    expect(await ctx.queries.execute(new GetBroadcastQuery(hq, finished))).toEqual(summaryBefore);
    // The one-use key is shredded; a sender's key is not.
    await expect(keys.open(sealed)).rejects.toThrow('destroyed');
    expect(await keys.open(sender)).toBe('a tip');

    const [audit] = await q<{ payload: { payload: { type: string; actor: unknown; body: { purged: unknown } } } }>(
      `SELECT payload FROM outbox_message WHERE topic = 'jansetu.audit.v1' AND type = 'retention.purged'`,
    );
    expect(audit.payload.payload.body.purged).toEqual(purged);

    // A second run finds nothing more to do.
    expect(Object.values(await ctx.app.get(RetentionJob).runOnce()).every((n) => n === 0)).toBe(true);
  });
});
