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
      },
    ]);
  });

  it('gives HQ one row per inbox that holds cases, in tree order, and a district only its own', async () => {
    expect((await count('hq')).map((c) => c.inboxCode).sort()).toEqual(['PAT', 'SAM-MUFASSIL']);
    expect((await count('sp-patna')).map((c) => [c.inboxCode, c.level, c.new])).toEqual([['PAT', 'district', 1]]);
    expect(await count('sho-town')).toEqual([]);
  });
});
