import { Injectable, Module } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EntityManager } from 'typeorm';
import { ContextModule, contextModule } from '@jansetu/testing';
import { BusMessage, Topics } from '../bus/message-bus.port';
import { DomainEvent, DomainEventHandler } from './domain-event';
import { DomainEventDelivery } from './domain-event-delivery';
import { DomainEvents } from './outbox-event-publisher';

class ParcelSent extends DomainEvent {
  constructor(
    readonly parcelId: string,
    readonly weight: number,
  ) {
    super();
  }
  get aggregateId(): string {
    return this.parcelId;
  }
}

/** Writes what it saw into a table, in the delivery's transaction. */
@EventsHandler(ParcelSent)
class CountParcel implements DomainEventHandler<ParcelSent> {
  async handle(event: ParcelSent, m: EntityManager): Promise<void> {
    await m.query(`INSERT INTO parcel_seen (parcel_id, weight) VALUES ($1, $2)`, [event.parcelId, event.weight]);
  }
}

/** Fails as often as it is told to, after its own write (which must then roll back). */
@Injectable()
@EventsHandler(ParcelSent)
class FlakyParcel implements DomainEventHandler<ParcelSent> {
  static failures = 0;
  async handle(event: ParcelSent, m: EntityManager): Promise<void> {
    await m.query(`INSERT INTO parcel_flaky (parcel_id) VALUES ($1)`, [event.parcelId]);
    if (FlakyParcel.failures-- > 0) throw new Error('flaky handler fails');
  }
}

@Module({ providers: [CountParcel, FlakyParcel] })
class ParcelModule {}

describe('domain events through the outbox (CQRS EventBus publisher) on PostgreSQL', () => {
  let ctx: ContextModule;
  let events: DomainEvents;
  let delivery: DomainEventDelivery;
  const outboxEvents = () =>
    ctx.dataSource.query<{ payload: BusMessage }[]>(
      `SELECT payload FROM outbox_message WHERE topic = $1 ORDER BY seq`,
      [Topics.events],
    );
  const count = async (table: string) =>
    (await ctx.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    ctx = await contextModule(inject('runPrefix'), 'platform_events', [ParcelModule]);
    await ctx.dataSource.query(`CREATE TABLE parcel_seen (parcel_id text, weight int)`);
    await ctx.dataSource.query(`CREATE TABLE parcel_flaky (parcel_id text)`);
    events = ctx.app.get(DomainEvents);
    delivery = ctx.app.get(DomainEventDelivery);
  });
  afterAll(async () => ctx?.close());

  it('commits an event with the state change, or not at all', async () => {
    await expect(
      ctx.dataSource.transaction(async (m) => {
        await events.publish(m, new ParcelSent('p-rolled-back', 1));
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await ctx.dataSource.transaction((m) => events.publish(m, new ParcelSent('p-1', 7)));
    const rows = await outboxEvents();
    expect(rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ type: 'ParcelSent', key: 'p-1', payload: { parcelId: 'p-1', weight: 7 } }),
    ]);
    expect(delivery.types).toContain('ParcelSent');
  });

  it('refuses an event outside a transaction', async () => {
    await expect(
      ctx.app.get(DomainEvents).publish(undefined as unknown as EntityManager, new ParcelSent('x', 1)),
    ).rejects.toThrow(/inside a transaction/);
  });

  it('delivers at least once and applies each handler once, also when one handler fails and the event comes again', async () => {
    const [{ payload: message }] = await outboxEvents();
    FlakyParcel.failures = 1;
    await expect(delivery.deliver(message)).rejects.toThrow('flaky handler fails');
    // The bus delivers again (and again): each handler's effect exists exactly once.
    await delivery.deliver(message);
    await delivery.deliver(message);
    expect(await count('parcel_seen')).toBe(1);
    expect(await count('parcel_flaky')).toBe(1);
    expect(await ctx.dataSource.query(`SELECT parcel_id, weight FROM parcel_seen`)).toEqual([
      { parcel_id: 'p-1', weight: 7 },
    ]);
  });

  it('delivers through the module as the dispatcher does, in commit order', async () => {
    await ctx.dataSource.query(`UPDATE outbox_message SET published_at = now()`);
    for (const n of [1, 2, 3]) await ctx.dataSource.transaction((m) => events.publish(m, new ParcelSent(`q-${n}`, n)));
    expect(await ctx.deliverEvents()).toBe(3);
    expect(
      (
        await ctx.dataSource.query<{ parcel_id: string }[]>(
          `SELECT parcel_id FROM parcel_seen WHERE parcel_id LIKE 'q-%'`,
        )
      ).map((r) => r.parcel_id),
    ).toEqual(['q-1', 'q-2', 'q-3']);
  });
});
