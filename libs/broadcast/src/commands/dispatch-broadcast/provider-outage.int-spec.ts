import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MetaGraphApiFake } from '@jansetu/testing';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

// 200 ms stands in for the 30-s default: twelve failed sends in a row are about 5 minutes of outage at the default
// cool-down (the 10-minute case runs on a simulated clock in domain/provider-outage.spec.ts). The fake fails per
// address, so one citizen carries the outage: another one's sends would close the circuit in between.
const COOL_DOWN_MS = 200;

describe('a WhatsApp provider that is down, behind its circuit breaker', () => {
  let world: BroadcastWorld;
  let meta: MetaGraphApiFake;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;

  beforeAll(async () => {
    meta = await new MetaGraphApiFake().start();
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_outage', {
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_COOLDOWN_MS: String(COOL_DOWN_MS),
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'outage-spec-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'outage-spec-verify-token',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
    });
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
  });
  afterAll(async () => {
    await world?.close();
    await meta?.stop();
  });

  it('holds the sends without spending attempts, fails nothing, and completes once the provider answers', async () => {
    const group = await world.newGroup(hq, 'KOTWALI', 'बाढ़ समूह');
    const citizen = '+919860000001';
    await world.newCitizen('whatsapp', citizen, group.joinCode);
    for (let i = 0; i < 12; i++)
      meta.failNext(citizen, { httpStatus: 503, code: 131016, message: 'Service unavailable' });
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(sho, [group.id], 'alert', { hi: 'नदी का जलस्तर बढ़ रहा है' }),
    );
    let totals = { sent: 0, failed: 0 };
    for (let slice = 0; slice < 20; slice++) {
      const r = await world.commands.execute(new DispatchBroadcastCommand(id, 0));
      totals = { sent: totals.sent + r.sent, failed: totals.failed + r.failed };
      if (!r.stoppedBecause) break;
    }
    expect(totals).toEqual({ sent: 1, failed: 0 });
    const rows = await world.dataSource.query<{ status: string; attempts: number }[]>(
      `SELECT status, attempts FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
    // Twelve failed sends, and only the two before the circuit opened counted (threshold - 1), plus the one that went.
    expect(rows).toEqual([{ status: 'sent', attempts: 3 }]);
    expect(meta.calls.filter((c) => c.path.endsWith('/messages'))).toHaveLength(13);
    expect(meta.sentTo(citizen)).toHaveLength(1);
  });
});
