import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { GetCaseQuery } from './get-case.query';

describe('GetCaseHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_get');
  });
  afterAll(async () => h?.close());

  const get = (who: string, caseId: string) => h.queries.execute(new GetCaseQuery(h.officer[who], caseId));

  it('shows the case with no notes yet, and no longer reachable once the sender erased their data', async () => {
    const tip = await h.tipAtMufassil('+919818000001');
    expect(await get('sho-mufassil', tip.caseId)).toMatchObject({
      id: tip.caseId,
      caseNumber: tip.caseNumber,
      inboxCode: 'SAM-MUFASSIL',
      inboxNameEn: 'Mufassil',
      label: 'tip',
      reachable: true,
      notes: [],
    });
    await h.erase('sms', '+919818000001');
    const after = await get('sp-samastipur', tip.caseId);
    expect(after).toMatchObject({ reachable: false });
    expect(JSON.stringify(after)).not.toContain('8000001');
  });

  it('refuses another jurisdiction and an unknown case alike (404)', async () => {
    const tip = await h.tipAtMufassil('+919818000002');
    await expect(get('sho-town', tip.caseId)).rejects.toMatchObject({ status: 404 });
    await expect(get('hq', '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
  });
});
