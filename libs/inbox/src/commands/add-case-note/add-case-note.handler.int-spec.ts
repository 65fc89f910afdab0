import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { GetCaseQuery } from '../../queries/get-case/get-case.query';
import { AddCaseNoteCommand } from './add-case-note.command';

describe('AddCaseNoteHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_note');
  });
  afterAll(async () => h?.close());

  it('adds internal notes with their author, touches the case, and sends nothing to the citizen', async () => {
    const tip = await h.tipAtMufassil('+919813000001');
    const before = await h.caseRow(tip.caseId);
    const replies = await h.replyCount();
    const note = await h.commands.execute(new AddCaseNoteCommand(h.officer['sho-mufassil'], tip.caseId, 'Beat 3'));
    expect(note).toMatchObject({
      officerId: h.officer['sho-mufassil'].id,
      officerName: 'sho-mufassil',
      text: 'Beat 3',
    });
    await h.commands.execute(new AddCaseNoteCommand(h.officer['sp-samastipur'], tip.caseId, 'SP: follow up'));
    expect((await h.caseRow(tip.caseId)).updated_at).not.toEqual(before.updated_at);
    expect(await h.replyCount()).toBe(replies);
    const detail = await h.queries.execute(new GetCaseQuery(h.officer['sho-mufassil'], tip.caseId));
    expect(detail.notes.map((n) => [n.officerName, n.text])).toEqual([
      ['sho-mufassil', 'Beat 3'],
      ['sp-samastipur', 'SP: follow up'],
    ]);
    expect(detail.notes[0]).toEqual(note);
  });

  it('refuses an officer of another station', async () => {
    const tip = await h.tipAtMufassil('+919813000002');
    await expect(
      h.commands.execute(new AddCaseNoteCommand(h.officer['sho-town'], tip.caseId, 'not mine')),
    ).rejects.toMatchObject({ status: 404 });
    const [{ n }] = await h.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM inbox_note WHERE case_id = $1`, [
      tip.caseId,
    ]);
    expect(n).toBe(0);
  });

  it('audits a note by its hash, never its words', async () => {
    const tip = await h.tipAtMufassil('+919813000091');
    await h.commands.execute(
      new AddCaseNoteCommand(h.officer['sho-mufassil'], tip.caseId, 'informer lives near the mandir'),
    );
    const [last] = (await h.auditEvents('inbox.case_note_added')).slice(-1);
    expect(last.event).toMatchObject({ subject: { tipId: tip.caseId }, body: { length: 30 } });
    expect(JSON.stringify(last.event)).not.toContain('mandir');
  });
});
