import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { TransitionCaseCommand } from './transition-case.command';

describe('TransitionCaseHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_transition');
  });
  afterAll(async () => h?.close());

  const move = (who: string, caseId: string, action: TransitionCaseCommand['action']) =>
    h.commands.execute(new TransitionCaseCommand(h.officer[who], caseId, action));

  it('stores each move, stamps closed_at on closing, and refuses to reopen a closed case', async () => {
    const tip = await h.tipAtMufassil('+919811000001');
    expect(await move('sho-mufassil', tip.caseId, 'start')).toEqual({ id: tip.caseId, status: 'in_progress' });
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'in_progress', closed_at: null });
    expect(await move('sho-mufassil', tip.caseId, 'close')).toEqual({ id: tip.caseId, status: 'closed' });
    const closed = await h.caseRow(tip.caseId);
    expect(closed.closed_at).toBeInstanceOf(Date);
    await expect(move('sho-mufassil', tip.caseId, 'start')).rejects.toMatchObject({
      status: 409,
      code: 'invalid_transition',
    });
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'closed', closed_at: closed.closed_at });
  });

  it('changes nothing when the case already has the status asked for', async () => {
    const tip = await h.tipAtMufassil('+919811000002');
    await move('sho-mufassil', tip.caseId, 'acknowledge');
    const before = await h.caseRow(tip.caseId);
    expect(await move('sho-mufassil', tip.caseId, 'acknowledge')).toEqual({ id: tip.caseId, status: 'acknowledged' });
    expect((await h.caseRow(tip.caseId)).updated_at).toEqual(before.updated_at);
  });

  it('lets the district above act, and refuses another station and an unknown case alike (404)', async () => {
    const tip = await h.tipAtMufassil('+919811000003');
    expect(await move('sp-samastipur', tip.caseId, 'acknowledge')).toMatchObject({ status: 'acknowledged' });
    await expect(move('sho-town', tip.caseId, 'close')).rejects.toMatchObject({ status: 404 });
    await expect(move('sp-patna', tip.caseId, 'close')).rejects.toMatchObject({ status: 404 });
    await expect(move('hq', '00000000-0000-4000-8000-000000000000', 'close')).rejects.toMatchObject({ status: 404 });
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'acknowledged' });
  });

  it('audits each change of status as the officer, and nothing when nothing changed', async () => {
    const tip = await h.tipAtMufassil('+919811000091');
    const before = (await h.auditEvents('inbox.case_transitioned')).length;
    await move('sho-mufassil', tip.caseId, 'acknowledge');
    await move('sho-mufassil', tip.caseId, 'acknowledge');
    const events = (await h.auditEvents('inbox.case_transitioned')).slice(before);
    expect(events.map((e) => e.event)).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ officerId: h.officer['sho-mufassil'].id }),
        subject: expect.objectContaining({ tipId: tip.caseId }),
        body: { action: 'acknowledge', from: 'new', to: 'acknowledged' },
      }),
    ]);
  });
});
