import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ClassifierVersionRepository } from '../../persistence/classifier-version.repository';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { GetCaseQuery } from '../../queries/get-case/get-case.query';
import { ReclassifyCaseCommand } from './reclassify-case.command';

describe('ReclassifyCaseHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_reclassify');
  });
  afterAll(async () => h?.close());

  const sho = () => h.officer['sho-mufassil'];
  const corrections = (caseId: string) =>
    h.ds.query<Record<string, unknown>[]>(
      `SELECT original_queue, corrected_queue, corrected_label FROM inbox_correction WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );

  it('marks a main-queue case as spam: filtered, the classifier’s label kept, the correction audited and learned from', async () => {
    const filed = await h.tipAtMufassil('+919816000001');
    const before = await h.caseRow(filed.caseId);
    expect(before.queue).toBe('main');
    const result = await h.commands.execute(new ReclassifyCaseCommand(sho(), filed.caseId, 'spam'));
    expect(result).toEqual({
      id: filed.caseId,
      queue: 'filtered',
      originalLabel: before.label,
      correctedLabel: 'spam',
    });
    const after = await h.caseRow(filed.caseId);
    expect([after.queue, after.label]).toEqual(['filtered', before.label]);
    expect(await corrections(filed.caseId)).toEqual([
      { original_queue: 'main', corrected_queue: 'filtered', corrected_label: 'spam' },
    ]);
    const [event] = (await h.auditEvents('inbox.case_reclassified')).filter(
      (e) => e.event.subject.tipId === filed.caseId,
    );
    expect(event.event.body).toMatchObject({
      correctedLabel: 'spam',
      correctedQueue: 'filtered',
      originalQueue: 'main',
    });
    const learned = await h.module.get(ClassifierVersionRepository).corrections();
    expect(learned).toContainEqual(expect.objectContaining({ message: expect.objectContaining({ label: 'spam' }) }));
    const detail = await h.queries.execute(new GetCaseQuery(sho(), filed.caseId));
    expect(detail.correction).toMatchObject({ originalLabel: before.label, correctedLabel: 'spam' });
    // The same again changes nothing (409); re-filed as a complaint it comes back to the main queue.
    await expect(h.commands.execute(new ReclassifyCaseCommand(sho(), filed.caseId, 'spam'))).rejects.toMatchObject({
      status: 409,
    });
    await h.commands.execute(new ReclassifyCaseCommand(sho(), filed.caseId, 'complaint'));
    expect((await h.caseRow(filed.caseId)).queue).toBe('main');
    expect(await corrections(filed.caseId)).toHaveLength(2);
  });

  it('never files an emergency away (409), and answers 404 to another station; neither changes anything', async () => {
    const urgent = await h.tipAtMufassil('+919816000002', 'bachao! gaon mein aag lagi hai, log phanse hain');
    expect((await h.caseRow(urgent.caseId)).urgent).toBe(true);
    await expect(h.commands.execute(new ReclassifyCaseCommand(sho(), urgent.caseId, 'spam'))).rejects.toMatchObject({
      status: 409,
    });
    const tip = await h.tipAtMufassil('+919816000003');
    await expect(
      h.commands.execute(new ReclassifyCaseCommand(h.officer['sho-town'], tip.caseId, 'spam')),
    ).rejects.toMatchObject({ status: 404 });
    expect((await h.caseRow(urgent.caseId)).queue).toBe('main');
    expect((await h.caseRow(tip.caseId)).queue).toBe('main');
    expect(await corrections(urgent.caseId)).toEqual([]);
    expect(await corrections(tip.caseId)).toEqual([]);
  });
});
