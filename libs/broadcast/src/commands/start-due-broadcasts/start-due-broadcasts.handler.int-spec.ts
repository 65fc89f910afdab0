import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { StartDueBroadcastsCommand } from './start-due-broadcasts.command';

describe('StartDueBroadcastsHandler', () => {
  let world: BroadcastWorld;
  let sho: OfficerPrincipal;
  let kotwali: GroupCreated;

  const status = async (id: string) =>
    (await world.dataSource.query<{ status: string }[]>(`SELECT status FROM broadcast WHERE id = $1`, [id]))[0].status;
  const dispatchRequests = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE type = 'broadcast.dispatch' AND key LIKE $1`,
        [`broadcast:${id}:%`],
      )
    )[0].n;

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_start_due');
    const hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    await world.newCitizen('sms', '+919840000001', kotwali.joinCode);
  });
  afterAll(async () => world?.close());

  it('starts the broadcasts whose time has come, once, and leaves the later ones', async () => {
    // Scheduled "now" (within the minute's grace): due at the next run.
    const due = await world.commands.execute(
      new CreateBroadcastCommand(sho, [kotwali.id], 'awareness', { hi: 'अभी' }, {}, new Date(Date.now() - 1000)),
    );
    const later = await world.commands.execute(
      new CreateBroadcastCommand(sho, [kotwali.id], 'awareness', { hi: 'बाद में' }, {}, new Date(Date.now() + 3600_000)),
    );
    expect([due.status, later.status]).toEqual(['scheduled', 'scheduled']);

    expect(await world.commands.execute(new StartDueBroadcastsCommand())).toEqual({ started: 1, woken: 0 });
    expect(await status(due.id)).toBe('sending');
    expect(await dispatchRequests(due.id)).toBe(1);
    expect(await status(later.id)).toBe('scheduled');
    expect(await dispatchRequests(later.id)).toBe(0);

    expect(await world.commands.execute(new StartDueBroadcastsCommand())).toEqual({ started: 0, woken: 0 });
    expect(await dispatchRequests(due.id)).toBe(1);
  });

  it('starts several due broadcasts at once when dispatchers run it concurrently, each exactly once', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const b = await world.commands.execute(
        new CreateBroadcastCommand(sho, [kotwali.id], 'awareness', { hi: `संदेश ${i}` }, {}, new Date(Date.now() - 1000)),
      );
      ids.push(b.id);
    }
    const runs = await Promise.all([1, 2, 3].map(() => world.commands.execute(new StartDueBroadcastsCommand())));
    expect(runs.reduce((n, r) => n + r.started, 0)).toBe(3);
    for (const id of ids) expect(await dispatchRequests(id)).toBe(1);
  });
});
