import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TransitionCaseCommand } from '../../commands/transition-case/transition-case.command';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { CountCasesQuery } from './count-cases.query';

describe('CountCasesHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_count');
    await h.tipAtMufassil('+919819000001');
    const started = await h.tipAtMufassil('+919819000002');
    await h.commands.execute(new TransitionCaseCommand(h.officer['sho-mufassil'], started.caseId, 'start'));
    await h.tipAtMufassil('+919819000003', 'jaldi aao goli chal rahi hai');
    await h.tipAtMufassil('+919819000004', 'Good morning sir 🙏');
    await h.filed('sms', '+919819000005', 'Patna me bypass road pe dhabe ke peeche sharab ki godam hai');
  });
  afterAll(async () => h?.close());

  const count = (who: string) => h.queries.execute(new CountCasesQuery(h.officer[who]));

  it('counts a station’s main queue by status, its open emergencies, its filtered queue and its labels', async () => {
    expect(await count('sho-mufassil')).toEqual([
      {
        inboxCode: 'SAM-MUFASSIL',
        inboxNameEn: 'Mufassil',
        inboxNameHi: 'मुफस्सिल',
        level: 'station',
        new: 2,
        acknowledged: 0,
        inProgress: 1,
        closed: 0,
        urgentOpen: 1,
        filtered: 1,
        byLabel: { tip: 2, emergency: 1, greeting: 1 },
        medianAckSeconds: 0,
        acknowledgedLast30Days: 1,
      },
    ]);
  });

  it('measures the median time to acknowledge from receipt, over the acknowledged cases only', async () => {
    const late = await h.tipAtMufassil('+919819000006');
    const quick = await h.tipAtMufassil('+919819000007');
    // received 20 and 2 minutes before they were acknowledged (the clock cannot be moved inside the handler)
    await h.ds.query(`UPDATE inbox_case SET received_at = now() - interval '20 minutes' WHERE id = $1`, [late.caseId]);
    await h.ds.query(`UPDATE inbox_case SET received_at = now() - interval '2 minutes' WHERE id = $1`, [quick.caseId]);
    for (const c of [late, quick]) {
      await h.commands.execute(new TransitionCaseCommand(h.officer['sho-mufassil'], c.caseId, 'acknowledge'));
    }
    const [row] = await count('sho-mufassil');
    expect(row.acknowledgedLast30Days).toBe(3);
    expect(row.medianAckSeconds).toBeGreaterThanOrEqual(119);
    expect(row.medianAckSeconds).toBeLessThanOrEqual(125);
    // the district sees the station's row with the same figure; the other station sees nothing of it
    const district = await count('sp-samastipur');
    expect(district.find((r) => r.inboxCode === 'SAM-MUFASSIL')?.medianAckSeconds).toBe(row.medianAckSeconds);
    expect(await count('sho-town')).toEqual([]);
  });

  it('gives HQ one row per inbox that holds cases, in tree order, and a district only its own', async () => {
    expect((await count('hq')).map((c) => c.inboxCode).sort()).toEqual(['PAT', 'SAM-MUFASSIL']);
    expect((await count('sp-patna')).map((c) => [c.inboxCode, c.level, c.new])).toEqual([['PAT', 'district', 1]]);
    expect(await count('sho-town')).toEqual([]);
  });
});
