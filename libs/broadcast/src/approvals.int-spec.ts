import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { CreateGroupCommand, GroupCreated, RenameGroupCommand } from '@jansetu/membership';
import { EscalateOverdueReviewsCommand } from './commands/escalate-reviews/escalate-reviews.command';
import {
  AddContentRuleCommand,
  RetireContentRuleCommand,
} from './commands/manage-content-rules/manage-content-rules.command';
import { CreateBroadcastCommand } from './commands/create-broadcast/create-broadcast.command';
import { DecideBroadcastCommand } from './commands/decide-broadcast/decide-broadcast.command';
import { ReviewEmergencyCommand } from './commands/review-emergency/review-emergency.command';
import { GetBroadcastQuery } from './queries/get-broadcast/get-broadcast.query';
import { ListBroadcastQueueQuery } from './queries/list-broadcasts/list-broadcasts.query';
import { CheckPublicTextQuery, ListContentRulesQuery } from './queries/list-content-rules/list-content-rules.query';
import { Category } from './domain/broadcast';
import { BroadcastWorld, SAMPLE_TREE } from './testing/broadcast-world.harness';

const TREE = [
  ...SAMPLE_TREE,
  { code: 'KOTWALI-W3', parentCode: 'KOTWALI', level: 'locality', nameEn: 'Ward 3', nameHi: 'वार्ड 3' },
];
const body = { hi: 'मेले में भीड़ से सावधान रहें' };

describe('approvals that hold, emergency review, rate limit, content rules (issue #13)', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let hq2: OfficerPrincipal;
  let patnaSp: OfficerPrincipal;
  let sadarSdpo: OfficerPrincipal;
  let kotwaliSho: OfficerPrincipal;
  let kotwaliColleague: OfficerPrincipal;
  let ward: GroupCreated;
  let kotwali: GroupCreated;

  const create = (officer: OfficerPrincipal, groups: GroupCreated[], category: Category = 'awareness') =>
    world.commands.execute(
      new CreateBroadcastCommand(
        officer,
        groups.map((g) => g.id),
        category,
        body,
      ),
    );

  beforeAll(async () => {
    world = await BroadcastWorld.create(
      inject('runPrefix'),
      'broadcast_approvals',
      { BROADCAST_APPROVAL_THRESHOLD: '0', EMERGENCY_REVIEW_MINUTES: '30' },
      TREE,
    );
    hq = await world.newOfficer('hq_admin', null);
    hq2 = await world.newOfficer('hq_admin', null);
    patnaSp = await world.newOfficer('district_admin', 'PAT');
    sadarSdpo = await world.newOfficer('subdivision_officer', 'PAT-SADAR');
    kotwaliSho = await world.newOfficer('station_officer', 'KOTWALI');
    kotwaliColleague = await world.newOfficer('station_officer', 'KOTWALI');
    ward = await world.newGroup(kotwaliSho, 'KOTWALI-W3');
    kotwali = await world.newGroup(kotwaliSho, 'KOTWALI');
    await world.newCitizen('sms', '+919830000001', ward.joinCode);
    await world.newCitizen('sms', '+919830000002', kotwali.joinCode);
  });
  afterAll(async () => world?.close());

  it('never lets a peer at the same station approve a locality broadcast; the subdivision may', async () => {
    const { id, status } = await create(kotwaliSho, [ward]);
    expect(status).toBe('pending_approval');
    await expect(
      world.commands.execute(new DecideBroadcastCommand(kotwaliColleague, id, 'approve', null)),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('parent jurisdiction') });
    expect(await world.commands.execute(new DecideBroadcastCommand(sadarSdpo, id, 'approve', null))).toEqual({
      status: 'sending',
    });
  });

  it("sends a district officer's station broadcast to HQ for approval, not to the SDPO below them", async () => {
    const { id } = await create(patnaSp, [kotwali]);
    await expect(
      world.commands.execute(new DecideBroadcastCommand(sadarSdpo, id, 'approve', null)),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await world.commands.execute(new DecideBroadcastCommand(hq, id, 'approve', null));
  });

  it('lists the approval queue of the officer who may decide, never their own', async () => {
    const { id } = await create(kotwaliSho, [kotwali]);
    const ids = async (o: OfficerPrincipal) =>
      (await world.queries.execute(new ListBroadcastQueueQuery(o, 'pending_approval'))).items.map((i) => i.id);
    expect(await ids(sadarSdpo)).toContain(id);
    expect(await ids(hq)).toContain(id);
    expect(await ids(kotwaliColleague)).not.toContain(id);
    expect(await ids(kotwaliSho)).not.toContain(id);
    const page = await world.queries.execute(new ListBroadcastQueueQuery(hq, 'pending_approval', 1, 0));
    expect(page.items).toHaveLength(1);
  });

  it('allows an emergency only where the policy does', async () => {
    await expect(create(kotwaliSho, [ward, kotwali], 'emergency')).resolves.toMatchObject({ status: 'sending' });
    const gayaSho = await world.newOfficer('station_officer', 'GAYA-TOWN');
    const gaya = await world.newGroup(hq, 'GAYA-TOWN');
    // A station officer cannot reach beyond a station at all; the subdivision officer, not to a district.
    const sdpoGroups = [kotwali, await world.newGroup(hq, 'GANDHI-MAIDAN')];
    await expect(create(sadarSdpo, sdpoGroups, 'emergency')).resolves.toMatchObject({ status: 'sending' });
    // Gaya's group is outside the Patna SP's reach: it answers as a missing one (issue #13, point 6).
    await expect(create(patnaSp, [kotwali, gaya], 'emergency')).rejects.toMatchObject({ code: 'not_found' });
    await expect(create(gayaSho, [gaya], 'emergency')).resolves.toMatchObject({ status: 'sending' });
  });

  it('queues an emergency for review, escalates it when overdue (audited, once), and records "not an emergency"', async () => {
    const { id, status } = await create(kotwaliSho, [kotwali], 'emergency');
    expect(status).toBe('sending');
    const inQueue = async (o: OfficerPrincipal) =>
      (await world.queries.execute(new ListBroadcastQueueQuery(o, 'review'))).items.find((i) => i.id === id);
    expect(await inQueue(sadarSdpo)).toMatchObject({ reviewPath: sadarSdpo.jurisdictionPath, reviewEscalations: 0 });
    expect(await inQueue(kotwaliColleague)).toBeUndefined();

    // Nobody decided by the deadline: the job moves it up one level, once per deadline.
    await world.dataSource.query(`UPDATE broadcast SET review_due_at = now() - interval '1 minute' WHERE id = $1`, [
      id,
    ]);
    await world.commands.execute(new EscalateOverdueReviewsCommand());
    await world.commands.execute(new EscalateOverdueReviewsCommand());
    expect(await inQueue(patnaSp)).toMatchObject({ reviewPath: patnaSp.jurisdictionPath, reviewEscalations: 1 });
    await world.dataSource.query(`UPDATE broadcast SET review_due_at = now() - interval '1 minute' WHERE id = $1`, [
      id,
    ]);
    await world.commands.execute(new EscalateOverdueReviewsCommand());
    expect(await inQueue(hq)).toMatchObject({ reviewPath: null, reviewEscalations: 2 });

    await expect(
      world.commands.execute(new ReviewEmergencyCommand(kotwaliSho, id, 'not_emergency', 'x')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      world.commands.execute(new ReviewEmergencyCommand(hq, id, 'not_emergency', ' ')),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(
      await world.commands.execute(new ReviewEmergencyCommand(hq, id, 'not_emergency', 'मेले का विज्ञापन था')),
    ).toEqual({ verdict: 'not_emergency' });
    await expect(
      world.commands.execute(new ReviewEmergencyCommand(hq2, id, 'emergency_confirmed', null)),
    ).rejects.toMatchObject({ code: 'already_reviewed' });
    expect(await inQueue(hq)).toBeUndefined();

    const view = await world.queries.execute(new GetBroadcastQuery(kotwaliSho, id));
    expect(view.review).toMatchObject({ verdict: 'not_emergency', reviewedBy: hq.id, note: 'मेले का विज्ञापन था' });
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail.map((e) => e.type)).toEqual([
      'broadcast.created',
      'broadcast.review_escalated',
      'broadcast.review_escalated',
      'broadcast.emergency_reviewed',
    ]);
    expect(trail[1].body).toMatchObject({ from: sadarSdpo.jurisdictionPath, to: patnaSp.jurisdictionPath });
    expect(trail[2].body).toMatchObject({ from: patnaSp.jurisdictionPath, to: null });
    expect(trail[3]).toMatchObject({ actor: { officerId: hq.id }, body: { verdict: 'not_emergency' } });
  });

  it('takes an approval after the fact as the review: confirmed, out of the queue', async () => {
    const { id } = await create(kotwaliSho, [kotwali], 'emergency');
    await world.commands.execute(new DecideBroadcastCommand(sadarSdpo, id, 'approve', null));
    const view = await world.queries.execute(new GetBroadcastQuery(kotwaliSho, id));
    expect(view.review).toMatchObject({ verdict: 'emergency_confirmed', reviewedBy: sadarSdpo.id });
  });

  it('keeps group names to the content rules, through disguise', async () => {
    await expect(
      world.commands.execute(new CreateGroupCommand(kotwaliSho, 'KOTWALI', 'B.J.P. ज़िंदाबाद मंच', 'hi')),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('group name') });
    await expect(
      world.commands.execute(new RenameGroupCommand(kotwaliSho, kotwali.id, 'ВЈР समर्थक')),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(await world.queries.execute(new CheckPublicTextQuery('शादी पार्टी में सावधानी'))).toEqual({
      violation: null,
    });
  });

  it('lets HQ add and retire rules, each audited, and nobody else', async () => {
    await expect(
      world.commands.execute(
        new AddContentRuleCommand(patnaSp, { kind: 'blocked_term', pattern: 'lottery', reason: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const { id } = await world.commands.execute(
      new AddContentRuleCommand(hq, { kind: 'blocked_term', pattern: 'लॉटरी', reason: 'gambling / जुआ' }),
    );
    await expect(
      world.commands.execute(
        new AddContentRuleCommand(hq, { kind: 'blocked_term', pattern: 'लॉटरी', reason: 'again' }),
      ),
    ).rejects.toMatchObject({ code: 'duplicate' });
    await expect(
      world.commands.execute(
        new AddContentRuleCommand(hq, { kind: 'allowed_link_domain', pattern: 'http://1.2.3.4/', reason: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect((await world.queries.execute(new CheckPublicTextQuery('लॉ.टरी जीतें'))).violation).toMatch(/लॉटरी/);
    await world.commands.execute(new RetireContentRuleCommand(hq, id));
    expect((await world.queries.execute(new CheckPublicTextQuery('लॉ.टरी जीतें'))).violation).toBeNull();
    const all = await world.queries.execute(new ListContentRulesQuery(true));
    expect(all.find((r) => r.id === id)).toMatchObject({ retiredBy: hq.id });
    expect((await world.queries.execute(new ListContentRulesQuery())).find((r) => r.id === id)).toBeUndefined();
    const trail = await world.auditTrail('content-rules');
    expect(trail.map((e) => e.type)).toEqual(['content_rule.added', 'content_rule.retired']);
  });

  it('refuses disguised party names in template parameters', async () => {
    await expect(
      world.commands.execute(
        new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'awareness', body, {
          whatsappTemplate: { name: 'alert_v1', language: 'hi', parameters: ['ＢＪＰ'] },
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('bjp') });
  });
});

describe('per-officer broadcast rate limit', () => {
  let world: BroadcastWorld;
  afterAll(async () => world?.close());

  it('answers 429 with a Retry-After beyond the limit, even for a burst sent at once', async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_rate', {
      BROADCAST_RATE_LIMIT: '3',
      BROADCAST_RATE_WINDOW_SECONDS: '600',
    });
    const hq = await world.newOfficer('hq_admin', null);
    const sho = await world.newOfficer('station_officer', 'KOTWALI');
    const group = await world.newGroup(hq, 'KOTWALI');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        world.commands.execute(new CreateBroadcastCommand(sho, [group.id], 'awareness', body)),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(r.reason.retryAfterSeconds).toBeGreaterThan(0);
    }
    const [{ n }] = await world.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM broadcast WHERE author_id = $1`,
      [sho.id],
    );
    expect(n).toBe(3);
  });
});
