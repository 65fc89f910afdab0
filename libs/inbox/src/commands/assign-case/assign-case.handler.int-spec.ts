import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { AssignCaseCommand } from './assign-case.command';

describe('AssignCaseHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_assign');
    await h.newOfficer('auditor', 'auditor', null);
    await h.newOfficer('retired', 'station_officer', 'SAM-MUFASSIL');
    await h.ds.query(`UPDATE officer SET active = false WHERE id = $1`, [h.officer.retired.id]);
  });
  afterAll(async () => h?.close());

  const assign = (who: string, caseId: string, assigneeId: string) =>
    h.commands.execute(new AssignCaseCommand(h.officer[who], caseId, assigneeId));

  it('gives the case to an officer whose jurisdiction covers it', async () => {
    const tip = await h.tipAtMufassil('+919812000001');
    expect(await assign('sp-samastipur', tip.caseId, h.officer['sho-mufassil'].id)).toEqual({
      id: tip.caseId,
      assignedOfficerId: h.officer['sho-mufassil'].id,
    });
    expect(await h.caseRow(tip.caseId)).toMatchObject({ assigned_officer_id: h.officer['sho-mufassil'].id });
    await assign('sho-mufassil', tip.caseId, h.officer.hq.id);
    expect(await h.caseRow(tip.caseId)).toMatchObject({ assigned_officer_id: h.officer.hq.id });
  });

  it.each([
    ['the officer of another station', 'sho-town', 400],
    ['an auditor', 'auditor', 400],
    ['a deactivated officer', 'retired', 404],
  ])('refuses %s and keeps the assignment', async (_label, assignee, status) => {
    const tip = await h.tipAtMufassil(`+91981200010${status}${assignee.length}`);
    await assign('sho-mufassil', tip.caseId, h.officer['sho-mufassil'].id);
    await expect(assign('sho-mufassil', tip.caseId, h.officer[assignee].id)).rejects.toMatchObject({ status });
    expect(await h.caseRow(tip.caseId)).toMatchObject({ assigned_officer_id: h.officer['sho-mufassil'].id });
  });

  it('refuses an officer who does not exist, and a case outside the acting officer’s jurisdiction', async () => {
    const tip = await h.tipAtMufassil('+919812000003');
    await expect(assign('sho-mufassil', tip.caseId, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      status: 404,
    });
    await expect(assign('sho-town', tip.caseId, h.officer['sho-town'].id)).rejects.toMatchObject({ status: 404 });
    expect(await h.caseRow(tip.caseId)).toMatchObject({ assigned_officer_id: null });
  });

  it('audits the assignment as the acting officer, naming the assignee', async () => {
    const tip = await h.tipAtMufassil('+919812000091');
    const assignee = h.officer['sho-mufassil'];
    await assign('sp-samastipur', tip.caseId, assignee.id);
    const [last] = (await h.auditEvents('inbox.case_assigned')).slice(-1);
    expect(last.event).toMatchObject({
      actor: { officerId: h.officer['sp-samastipur'].id },
      subject: { tipId: tip.caseId, officerId: assignee.id },
    });
  });
});
