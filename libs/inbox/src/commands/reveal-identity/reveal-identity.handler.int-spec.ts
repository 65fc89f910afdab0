import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { RevealIdentityCommand } from './reveal-identity.command';

const REASON = 'FIR 45/25: the informant is needed as a witness';

describe('RevealIdentityHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_reveal');
  });
  afterAll(async () => h?.close());

  const reveal = (who: string, caseId: string, reason: string) =>
    h.commands.execute(new RevealIdentityCommand(h.officer[who], caseId, reason));
  const revealsOf = async (caseId: string) =>
    (await h.auditEvents('inbox.identity_revealed')).filter((e) => e.event.subject.tipId === caseId);

  it('reveals a named member to the district admin, audited with the trimmed reason and no address', async () => {
    const tip = await h.tipAtMufassil('+919816000001');
    await h.approvedReveal('sp-samastipur', tip.caseId, REASON);
    expect(await reveal('sp-samastipur', tip.caseId, `  ${REASON}  `)).toEqual({
      caseId: tip.caseId,
      caseNumber: tip.caseNumber,
      pseudonym: (await h.caseRow(tip.caseId)).pseudonym,
      channel: 'sms',
      address: '+919816000001',
    });
    const [event] = await revealsOf(tip.caseId);
    expect(event.event).toMatchObject({
      actor: { kind: 'officer', role: 'district_admin', jurisdictionPath: h.node.SAM.path },
      body: { reason: REASON, channel: 'sms' },
    });
    expect(JSON.stringify(event.event)).not.toContain('6000001');
  });

  it('reveals an anonymous case through its sealed link to HQ', async () => {
    await h.member('telegram', '800100002', h.group.dharampur);
    const anon = await h.filed('telegram', '800100002', 'ANON nadi kinare avaidh balu khanan ho raha hai');
    await h.approvedReveal('hq', anon.caseId, REASON);
    expect(await reveal('hq', anon.caseId, REASON)).toMatchObject({ channel: 'telegram', address: '800100002' });
  });

  it.each([
    ['a station officer', 'sho-mufassil', REASON, 403],
    ['another district', 'sp-patna', REASON, 404],
    ['a short reason', 'sp-samastipur', ' too short ', 400],
  ])('refuses %s and audits nothing', async (_label, who, reason, status) => {
    const tip = await h.tipAtMufassil(`+9198160001${status}${who.length}`);
    await expect(reveal(who, tip.caseId, reason)).rejects.toMatchObject({ status });
    expect(await revealsOf(tip.caseId)).toEqual([]);
  });
});
