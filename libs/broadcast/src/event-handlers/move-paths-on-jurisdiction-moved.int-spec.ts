import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GetBroadcastQuery } from '../queries/get-broadcast/get-broadcast.query';
import { CreateBroadcastCommand } from '../commands/create-broadcast/create-broadcast.command';
import { ImportJurisdictionsCommand } from '@jansetu/jurisdiction';
import { BroadcastWorld, SAMPLE_TREE } from '../testing/broadcast-world.harness';

/** Who may see a broadcast follows its station when an import moves the station to another district. */
describe('a broadcast follows its station to another district (JurisdictionMoved)', () => {
  let world: BroadcastWorld;
  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_jurisdiction_moved');
  });
  afterAll(async () => world?.close());

  it('is seen by the new district and no longer by the old one once the move is delivered', async () => {
    const hq = await world.newOfficer('hq_admin', null);
    const group = await world.newGroup(hq, 'KOTWALI');
    await world.newCitizen('sms', '+919810000091', group.joinCode);
    const patnaSp = await world.newOfficer('district_admin', 'PAT');
    const gayaSp = await world.newOfficer('district_admin', 'GAYA');
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(hq, [group.id], 'awareness', { hi: 'साइबर ठगी से सावधान' }),
    );
    const view = (officer: typeof hq) => world.queries.execute(new GetBroadcastQuery(officer, id));
    await expect(view(patnaSp)).resolves.toMatchObject({ id });
    await expect(view(gayaSp)).rejects.toMatchObject({ status: expect.any(Number) });

    const moved = SAMPLE_TREE.map((r) => (r.code === 'KOTWALI' ? { ...r, parentCode: 'GAYA-SADAR' } : r));
    expect(await world.commands.execute(new ImportJurisdictionsCommand(moved))).toMatchObject({ updated: 1 });
    expect(await world.deliverEvents()).toBeGreaterThanOrEqual(1);

    await expect(view(gayaSp)).resolves.toMatchObject({ id });
    await expect(view(patnaSp)).rejects.toMatchObject({ status: expect.any(Number) });
    // Delivered again (the bus is at least once): the paths stay where they moved to.
    await world.dataSource.query(`UPDATE outbox_message SET published_at = NULL WHERE type = 'JurisdictionMoved'`);
    await world.deliverEvents();
    await expect(view(gayaSp)).resolves.toMatchObject({ id });
  });
});
