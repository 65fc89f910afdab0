import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TransitionCaseCommand } from '../../commands/transition-case/transition-case.command';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { ListCasesFilter, ListCasesQuery } from './list-cases.query';

describe('ListCasesHandler on PostgreSQL', () => {
  let h: InboxHarness;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_list');
    ids.tip = (await h.tipAtMufassil('+919817000001')).caseId;
    ids.closedUrgent = (await h.tipAtMufassil('+919817000002', 'jaldi aao goli chal rahi hai')).caseId;
    await h.commands.execute(new TransitionCaseCommand(h.officer['sho-mufassil'], ids.closedUrgent, 'close'));
    ids.greeting = (await h.tipAtMufassil('+919817000003', 'Good morning sir 🙏')).caseId;
    await h.member('sms', '+919817000004', h.group.town);
    ids.town = (await h.filed('sms', '+919817000004', 'chowk pe roz jaam lagta hai')).caseId;
    ids.urgent = (await h.tipAtMufassil('+919817000005', 'ghar me aag lag gayi hai jaldi')).caseId;
  });
  afterAll(async () => h?.close());

  const list = async (who: string, filter: ListCasesFilter = {}) =>
    (await h.queries.execute(new ListCasesQuery(h.officer[who], filter))).map((c) => c.id);

  it('shows a station its own main queue: open emergencies first, then newest first', async () => {
    expect(await list('sho-mufassil')).toEqual([ids.urgent, ids.closedUrgent, ids.tip]);
    expect(await list('sho-mufassil', { queue: 'filtered' })).toEqual([ids.greeting]);
    expect(await list('sho-town')).toEqual([ids.town]);
    expect(await list('sp-patna')).toEqual([]);
  });

  it('shows a district and HQ every inbox below them, and filters by status, label and inbox', async () => {
    expect(await list('sp-samastipur')).toEqual([ids.urgent, ids.town, ids.closedUrgent, ids.tip]);
    expect(await list('hq', { status: 'closed' })).toEqual([ids.closedUrgent]);
    expect(await list('hq', { label: 'emergency' })).toEqual([ids.urgent, ids.closedUrgent]);
    expect(await list('hq', { inboxCode: 'SAM-TOWN' })).toEqual([ids.town]);
    expect(await list('hq', { limit: 2, offset: 1 })).toEqual([ids.town, ids.closedUrgent]);
  });

  it('shows a case by case number and pseudonym, reachable, never by address', async () => {
    const [view] = await h.queries.execute(new ListCasesQuery(h.officer['sho-town']));
    expect(view).toMatchObject({ inboxCode: 'SAM-TOWN', member: true, reachable: true, status: 'new' });
    expect(view.pseudonym).toMatch(/^T-/);
    expect(JSON.stringify(view)).not.toContain('7000004');
  });
});
