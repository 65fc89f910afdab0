import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TransitionCaseCommand } from '../../commands/transition-case/transition-case.command';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { SummariseCasesQuery } from './summarise-cases.query';

describe('SummariseCasesHandler on PostgreSQL', () => {
  let h: InboxHarness;
  /** Acknowledged by the station, `minutes` after the citizen sent it. */
  const acknowledgedAfter = async (caseId: string, who: string, minutes: number) => {
    await h.ds.query(`UPDATE inbox_case SET received_at = now() - make_interval(mins => $2) WHERE id = $1`, [
      caseId,
      minutes,
    ]);
    await h.commands.execute(new TransitionCaseCommand(h.officer[who], caseId, 'acknowledge'));
  };

  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_summarise');
    await acknowledgedAfter((await h.tipAtMufassil('+919819100001')).caseId, 'sho-mufassil', 10);
    await h.tipAtMufassil('+919819100002');
    await h.tipAtMufassil('+919819100003', 'jaldi aao goli chal rahi hai');
    await h.member('sms', '+919819100004', h.group.town);
    const town = await h.filed('sms', '+919819100004', 'Station road pe roz raat ko chori ho rahi hai');
    await acknowledgedAfter(town.caseId, 'sho-town', 45);
    await h.filed('sms', '+919819100005', 'Patna me bypass road pe dhabe ke peeche sharab ki godam hai');
  });
  afterAll(async () => h?.close());

  const summary = (who: string) => h.queries.execute(new SummariseCasesQuery(h.officer[who]));

  it('gives a station its own row: new, open, urgent and the median time to acknowledge', async () => {
    expect(await summary('sho-mufassil')).toEqual([
      {
        code: 'SAM-MUFASSIL',
        nameEn: 'Mufassil',
        nameHi: 'मुफस्सिल',
        level: 'station',
        new: 2,
        urgentOpen: 1,
        open: 3,
        medianAckSeconds: 600,
        acknowledgedLast30Days: 1,
      },
    ]);
  });

  it('gives a district its stations, slowest first, and HQ the districts; never another district’s', async () => {
    expect((await summary('sp-samastipur')).map((r) => [r.code, r.medianAckSeconds, r.new])).toEqual([
      ['SAM-TOWN', 2700, 0],
      ['SAM-MUFASSIL', 600, 2],
    ]);
    expect((await summary('sp-patna')).map((r) => r.code)).toEqual([]); // Patna's case sits in the district inbox
    expect((await summary('hq')).map((r) => [r.code, r.level, r.open])).toEqual([
      ['PAT', 'district', 1], // never acknowledged: first, before any slow one
      ['SAM', 'district', 4],
    ]);
  });
});
