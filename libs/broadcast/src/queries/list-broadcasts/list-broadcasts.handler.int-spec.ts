import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { CreateBroadcastCommand } from '../../commands/create-broadcast/create-broadcast.command';
import { ControlBroadcastCommand } from '../../commands/control-broadcast/control-broadcast.command';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { ListBroadcastsQuery } from './list-broadcasts.query';

describe('ListBroadcastsHandler: the broadcasts an officer may see, filtered and paged', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let colleague: OfficerPrincipal;
  let patnaSp: OfficerPrincipal;
  let gayaSp: OfficerPrincipal;
  let kotwali: GroupCreated;
  let gaya: GroupCreated;
  const ids: Record<string, string> = {};

  const ids$ = (items: { id: string }[]) => items.map((i) => i.id);

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_list');
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    colleague = await world.newOfficer('station_officer', 'KOTWALI');
    patnaSp = await world.newOfficer('district_admin', 'PAT');
    gayaSp = await world.newOfficer('district_admin', 'GAYA');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    gaya = await world.newGroup(hq, 'GAYA-TOWN');
    await world.newCitizen('sms', '+919850100001', kotwali.joinCode);
    await world.newCitizen('whatsapp', '+919850100002', kotwali.joinCode);
    await world.newCitizen('sms', '+919850100003', gaya.joinCode);
    const create = (o: OfficerPrincipal, g: GroupCreated[], category: 'alert' | 'awareness' | 'emergency') =>
      world.commands.execute(new CreateBroadcastCommand(o, ids$(g), category, { hi: 'सड़क बंद है' }));
    ids.alert = (await create(sho, [kotwali], 'alert')).id;
    ids.awareness = (await create(colleague, [kotwali], 'awareness')).id;
    await world.commands.execute(new ControlBroadcastCommand(colleague, ids.awareness, 'cancel', 'typo'));
    ids.gaya = (await create(gayaSp, [gaya], 'alert')).id;
    ids.state = (await create(hq, [kotwali, gaya], 'emergency')).id;
  });
  afterAll(async () => world?.close());

  const list = (o: OfficerPrincipal, filters = {}, limit = 50, offset = 0) =>
    world.queries.execute(new ListBroadcastsQuery(o, filters, limit, offset));

  it('lists newest first within the caller’s jurisdiction, with deliveries counted by state', async () => {
    const page = await list(sho);
    expect(ids$(page.items)).toEqual([ids.awareness, ids.alert]);
    expect(page.items[1]).toMatchObject({ category: 'alert', status: 'sending', recipients: 2 });
    expect(page.items[1].byStatus).toEqual({ pending: 2 });
    expect(page.items[0]).toMatchObject({ status: 'cancelled', byStatus: { cancelled: 2 } });
    expect(ids$((await list(patnaSp)).items)).toEqual([ids.awareness, ids.alert]);
    expect(ids$((await list(gayaSp)).items)).toEqual([ids.gaya]);
    // A state-wide broadcast (no common jurisdiction) is HQ's to see.
    expect(ids$((await list(hq)).items).slice(0, 4)).toEqual([ids.state, ids.gaya, ids.awareness, ids.alert]);
  });

  it('filters by state, category, creation time and author, and pages', async () => {
    expect(ids$((await list(patnaSp, { statuses: ['cancelled'] })).items)).toEqual([ids.awareness]);
    expect(ids$((await list(patnaSp, { statuses: ['cancelled', 'sending'] })).items)).toHaveLength(2);
    expect(ids$((await list(patnaSp, { category: 'alert' })).items)).toEqual([ids.alert]);
    expect(ids$((await list(sho, { mine: true })).items)).toEqual([ids.alert]);
    expect((await list(sho, { from: new Date(Date.now() + 60_000) })).items).toEqual([]);
    expect(ids$((await list(sho, { to: new Date(Date.now() + 60_000) })).items)).toHaveLength(2);
    const second = await list(sho, {}, 1, 1);
    expect(second).toMatchObject({ limit: 1, offset: 1 });
    expect(ids$(second.items)).toEqual([ids.alert]);
  });
});
