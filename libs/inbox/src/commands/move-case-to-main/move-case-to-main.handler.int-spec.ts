import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { GetCaseQuery } from '../../queries/get-case/get-case.query';
import { ListAssigneesQuery } from '../../queries/list-assignees/list-assignees.query';
import { MoveCaseToMainCommand } from './move-case-to-main.command';

describe('MoveCaseToMainHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_move');
  });
  afterAll(async () => h?.close());

  const greeting = (address: string) => h.tipAtMufassil(address, 'namaste ji, suprabhat');

  it('moves a filtered case to the main queue, keeps the original label, records the correction, audits it', async () => {
    const filed = await greeting('+919815000001');
    expect((await h.caseRow(filed.caseId)).queue).toBe('filtered');
    const moved = await h.commands.execute(new MoveCaseToMainCommand(h.officer['sho-mufassil'], filed.caseId, 'tip'));
    expect(moved).toMatchObject({ id: filed.caseId, queue: 'main', correctedLabel: 'tip' });
    const row = await h.caseRow(filed.caseId);
    expect(row.queue).toBe('main');
    expect(row.label).toBe(moved.originalLabel);
    const [correction] = await h.ds.query<Record<string, unknown>[]>(
      `SELECT original_label, original_queue, corrected_label, officer_id FROM inbox_correction WHERE case_id = $1`,
      [filed.caseId],
    );
    expect(correction).toEqual({
      original_label: row.label,
      original_queue: 'filtered',
      corrected_label: 'tip',
      officer_id: h.officer['sho-mufassil'].id,
    });
    const events = (await h.auditEvents('inbox.case_moved_to_main')).filter(
      (e) => e.event.subject.tipId === filed.caseId,
    );
    expect(events).toHaveLength(1);
    const detail = await h.queries.execute(new GetCaseQuery(h.officer['sho-mufassil'], filed.caseId));
    expect(detail.correction).toMatchObject({ originalLabel: row.label, correctedLabel: 'tip' });
    // Moving it again is a conflict, and changes nothing.
    await expect(
      h.commands.execute(new MoveCaseToMainCommand(h.officer['sho-mufassil'], filed.caseId, null)),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('answers 404 to an officer of another station and moves nothing', async () => {
    const filed = await greeting('+919815000002');
    await expect(
      h.commands.execute(new MoveCaseToMainCommand(h.officer['sho-town'], filed.caseId, null)),
    ).rejects.toMatchObject({ status: 404 });
    expect((await h.caseRow(filed.caseId)).queue).toBe('filtered');
    await expect(h.queries.execute(new ListAssigneesQuery(h.officer['sho-town'], filed.caseId))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('lists as assignees the officers posted on the case’s path within the caller’s reach', async () => {
    const filed = await greeting('+919815000003');
    const bySho = await h.queries.execute(new ListAssigneesQuery(h.officer['sho-mufassil'], filed.caseId));
    expect(bySho.map((a) => a.id)).toEqual([h.officer['sho-mufassil'].id]);
    const bySp = await h.queries.execute(new ListAssigneesQuery(h.officer['sp-samastipur'], filed.caseId));
    expect(bySp.map((a) => a.id)).toEqual(
      expect.arrayContaining([h.officer['sho-mufassil'].id, h.officer['sp-samastipur'].id]),
    );
    expect(bySp.map((a) => a.id)).not.toContain(h.officer['sho-town'].id);
  });
});
