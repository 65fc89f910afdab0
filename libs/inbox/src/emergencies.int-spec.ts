import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INBOX_RATE_LIMIT_PER_HOUR } from './commands/file-citizen-message/file-citizen-message.handler';
import { MuteSenderCommand } from './commands/mute-sender/mute-sender.command';
import { InboxHarness, inboxHarness } from './inbox.harness';
import { CountCasesQuery } from './queries/count-cases/count-cases.query';
import { ListCasesQuery } from './queries/list-cases/list-cases.query';

/** Issue #14: a mute, a rate limit or the filtered queue never hides an emergency. */
describe('emergencies are never hidden on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_emergencies');
  });
  afterAll(async () => h?.close());

  const sho = () => h.officer['sho-town'];
  const listed = async (queue: 'main' | 'filtered') =>
    (await h.queries.execute(new ListCasesQuery(sho(), { queue, limit: 500 }))).map((c) => [c.id, c.flags]);
  const urgentOpen = async () => (await h.queries.execute(new CountCasesQuery(sho())))[0].urgentOpen;

  it('keeps a muted sender’s emergency first in the main queue and counted, flagged muted-sender', async () => {
    await h.member('sms', '+919850000001', h.group.town);
    const first = await h.filed('sms', '+919850000001', 'sir aapka number do, baat karni hai, bahut kaam hai');
    await h.commands.execute(new MuteSenderCommand(sho(), first.caseId, 'pesters the station'));
    const ordinary = await h.filed('sms', '+919850000001', 'mera kaam kab hoga sir');
    expect(await h.caseRow(ordinary.caseId)).toMatchObject({ queue: 'filtered', filter_reason: 'muted' });
    const before = await urgentOpen();

    const urgent = await h.filed('sms', '+919850000001', 'गोली चल रही है, हत्या हो गई');
    expect(urgent).toMatchObject({ urgent: true, queue: 'main' });
    expect((await listed('main'))[0]).toEqual([urgent.caseId, ['muted-sender']]);
    expect((await listed('filtered')).map(([id]) => id)).not.toContain(urgent.caseId);
    expect(await urgentOpen()).toBe(before + 1);
    expect(await h.lastReply()).toMatchObject({ reason: 'emergency-112', to: '+919850000001' });
  });

  it('keeps a rate-limited sender’s emergency in the main queue and counted, flagged rate-limited-sender', async () => {
    await h.member('telegram', '850000002', h.group.town);
    for (let i = 0; i < INBOX_RATE_LIMIT_PER_HOUR; i++) await h.filed('telegram', '850000002', `bijli nahi hai ${i}`);
    const before = await urgentOpen();
    const urgent = await h.filed('telegram', '850000002', 'ghar me aag lag gayi hai jaldi aao');
    expect(urgent).toMatchObject({ urgent: true, queue: 'main' });
    expect((await listed('main'))[0]).toEqual([urgent.caseId, ['rate-limited-sender']]);
    expect(await urgentOpen()).toBe(before + 1);
  });

  it('does the same for a muted ANON sender', async () => {
    await h.member('whatsapp', '+919850000003', h.group.town);
    const anon = await h.filed('whatsapp', '+919850000003', 'ANON sir mujhe inaam chahiye suchna ka');
    await h.commands.execute(new MuteSenderCommand(sho(), anon.caseId, null));
    const urgent = await h.filed('whatsapp', '+919850000003', 'ANON bachao goli chal rahi hai');
    expect(urgent).toMatchObject({ urgent: true, queue: 'main' });
    expect((await listed('main'))[0]).toEqual([urgent.caseId, ['muted-sender']]);
  });

  it('moves an emergency a former release had filtered back into the main queue and its count', async () => {
    await h.member('sms', '+919850000004', h.group.town);
    const urgent = await h.filed('sms', '+919850000004', 'jaldi aao yahan hatya ho gayi');
    // The row as the bug of issue #14 left it.
    await h.ds.query(`UPDATE inbox_case SET queue = 'filtered', filter_reason = 'muted' WHERE id = $1`, [
      urgent.caseId,
    ]);
    expect((await listed('main')).map(([id]) => id)).toContain(urgent.caseId);
    expect((await listed('filtered')).map(([id]) => id)).not.toContain(urgent.caseId);
    const [counts] = await h.queries.execute(new CountCasesQuery(sho()));
    expect(counts.urgentOpen).toBeGreaterThanOrEqual(4);
  });
});
