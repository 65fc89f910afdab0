import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { MuteSenderCommand } from './mute-sender.command';

describe('MuteSenderHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_mute');
  });
  afterAll(async () => h?.close());

  const mute = (who: string, caseId: string, reason: string | null) =>
    h.commands.execute(new MuteSenderCommand(h.officer[who], caseId, reason));

  it('mutes the sender at the case’s inbox once, audited once, as the acting officer', async () => {
    const tip = await h.tipAtMufassil('+919814000001');
    expect(await mute('sho-mufassil', tip.caseId, 'abuse')).toEqual({ id: tip.caseId, muted: true });
    expect(await mute('sp-samastipur', tip.caseId, 'again')).toEqual({ id: tip.caseId, muted: true });
    const events = (await h.auditEvents('inbox.sender_muted')).filter((e) => e.event.subject.tipId === tip.caseId);
    expect(events).toHaveLength(1);
    expect(events[0].event).toMatchObject({
      actor: {
        kind: 'officer',
        officerId: h.officer['sho-mufassil'].id,
        role: 'station_officer',
        jurisdictionPath: h.node['SAM-MUFASSIL'].path,
      },
      jurisdictionPath: h.node['SAM-MUFASSIL'].path,
      subject: { caseNumber: tip.caseNumber },
      body: { reason: 'abuse' },
    });
    const mutes = await h.ds.query<{ node_id: string; muted_by: string }[]>(
      `SELECT node_id, muted_by FROM inbox_mute WHERE sender_key = $1`,
      [(await h.caseRow(tip.caseId)).sender_key],
    );
    expect(mutes).toEqual([{ node_id: h.node['SAM-MUFASSIL'].id, muted_by: h.officer['sho-mufassil'].id }]);
  });

  it('refuses an officer of another station and mutes nobody', async () => {
    const tip = await h.tipAtMufassil('+919814000002');
    await expect(mute('sho-town', tip.caseId, null)).rejects.toMatchObject({ status: 404 });
    expect(
      await h.ds.query(`SELECT 1 FROM inbox_mute WHERE sender_key = $1`, [(await h.caseRow(tip.caseId)).sender_key]),
    ).toEqual([]);
  });
});
