import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AutoReply } from '@jansetu/broadcast';
import { ReplyToCaseCommand } from './commands/reply-to-case/reply-to-case.command';
import { InboxHarness, inboxHarness } from './inbox.harness';

/**
 * Issue #14: the auditor tied a station's T-… to the member's N-… because the case number travelled in the
 * acknowledgement on the citizen:N-… chain. No inbox message carries the member pseudonym any more.
 */
describe('case pseudonyms do not lead to member pseudonyms on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_pseudonyms');
  });
  afterAll(async () => h?.close());

  it('queues acknowledgements and officers’ answers without the member pseudonym', async () => {
    const citizenId = await h.member('sms', '+919880000001', h.group.dharampur, h.group.town);
    const [{ pseudonym }] = await h.ds.query<{ pseudonym: string }[]>(`SELECT pseudonym FROM citizen WHERE id = $1`, [
      citizenId,
    ]);
    const tip = await h.filed('sms', '+919880000001', 'gaon ke school ke peeche roz raat ko sharab bikti hai');
    await h.commands.execute(new ReplyToCaseCommand(h.officer['sho-mufassil'], tip.caseId, 'धन्यवाद'));
    const replies = await h.ds.query<{ key: string; payload: { payload: AutoReply } }[]>(
      `SELECT key, payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq`,
    );
    const carrying = replies.filter((r) => r.payload.payload.text.includes(String(tip.caseNumber)));
    expect(carrying).toHaveLength(2);
    for (const r of carrying) expect(r.payload.payload.pseudonym).toBeNull();
    // Nothing audited carries both this case's number and the member pseudonym.
    const audited = await h.ds.query<{ payload: unknown }[]>(
      `SELECT payload FROM outbox_message WHERE topic LIKE '%audit%'`,
    );
    for (const a of audited) {
      const json = JSON.stringify(a.payload);
      if (json.includes(String(tip.caseNumber))) expect(json).not.toContain(pseudonym);
    }
    // The case pseudonym is the station's own, not the member's.
    expect((await h.caseRow(tip.caseId)).pseudonym).not.toBe(pseudonym);
  });
});
