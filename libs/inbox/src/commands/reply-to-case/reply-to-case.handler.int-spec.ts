import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ReplyDeliveryChanged } from '@jansetu/broadcast';
import { DomainEvents } from '@jansetu/platform';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { GetCaseQuery } from '../../queries/get-case/get-case.query';
import { TransitionCaseCommand } from '../transition-case/transition-case.command';
import { ReplyToCaseCommand } from './reply-to-case.command';

describe('ReplyToCaseHandler on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_reply');
  });
  afterAll(async () => h?.close());

  const reply = (who: string, caseId: string, text: string) =>
    h.commands.execute(new ReplyToCaseCommand(h.officer[who], caseId, text));

  it('queues the answer with the case number, acknowledges a new case, and audits it as the officer', async () => {
    const tip = await h.tipAtMufassil('+919815000001');
    expect(await reply('sho-mufassil', tip.caseId, 'टीम भेजी जा रही है')).toEqual({ id: tip.caseId, queued: true });
    expect(await h.lastReply()).toMatchObject({ reason: 'inbox-ack', to: '+919815000001', toChannel: 'sms' });
    expect((await h.lastReply()).text).toBe(`बिहार पुलिस (केस ${tip.caseNumber}): टीम भेजी जा रही है`);
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'acknowledged' });
    const [event] = (await h.auditEvents('inbox.reply_sent')).slice(-1);
    expect(event.event).toMatchObject({
      actor: {
        kind: 'officer',
        officerId: h.officer['sho-mufassil'].id,
        jurisdictionPath: h.node['SAM-MUFASSIL'].path,
      },
      subject: { tipId: tip.caseId, caseNumber: tip.caseNumber },
      body: { channel: 'sms', content: `बिहार पुलिस (केस ${tip.caseNumber}): टीम भेजी जा रही है` },
    });
  });

  it('shows the officer whether the answer arrived: queued, then what the sends and receipts say, forward only', async () => {
    const tip = await h.tipAtMufassil('+919815000009');
    await reply('sho-mufassil', tip.caseId, 'कल थाने आइए');
    const shown = async () =>
      (await h.queries.execute(new GetCaseQuery(h.officer['sho-mufassil'], tip.caseId))).replies.map((r) => [
        r.delivery,
        r.deliveryFailure,
      ]);
    expect(await shown()).toEqual([['queued', null]]);
    const { ref } = await h.lastReply();
    expect(ref).toMatch(/^inbox-reply:[0-9a-f-]{36}$/);
    const tell = async (...events: ReplyDeliveryChanged[]) => {
      await h.ds.transaction((m) => h.module.get(DomainEvents).publish(m, ...events));
      await h.deliverEvents();
    };
    await tell(new ReplyDeliveryChanged(ref!, 'sent', null), new ReplyDeliveryChanged(ref!, 'read', null));
    expect(await shown()).toEqual([['read', null]]);
    await tell(
      new ReplyDeliveryChanged(ref!, 'delivered', null),
      new ReplyDeliveryChanged(ref!, 'failed', 'permanent'),
    );
    expect(await shown()).toEqual([['read', null]]); // a late receipt never moves it back

    await reply('sho-mufassil', tip.caseId, 'दूसरा जवाब');
    await tell(new ReplyDeliveryChanged((await h.lastReply()).ref!, 'failed', 'permanent'));
    expect(await shown()).toEqual([
      ['read', null],
      ['failed', 'permanent'],
    ]);
  });

  it('leaves a closed case closed, closed_at included', async () => {
    const tip = await h.tipAtMufassil('+919815000002');
    await h.commands.execute(new TransitionCaseCommand(h.officer['sho-mufassil'], tip.caseId, 'close'));
    const closed = await h.caseRow(tip.caseId);
    await reply('sho-mufassil', tip.caseId, 'केस बंद, धन्यवाद');
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'closed', closed_at: closed.closed_at });
  });

  it('refuses another station, and a sender who erased their data, queueing nothing', async () => {
    const tip = await h.tipAtMufassil('+919815000003');
    const replies = await h.replyCount();
    await expect(reply('sho-town', tip.caseId, 'hello')).rejects.toMatchObject({ status: 404 });
    expect(await h.replyCount()).toBe(replies);
    await h.erase('sms', '+919815000003');
    const erased = await h.replyCount();
    await expect(reply('sho-mufassil', tip.caseId, 'hello')).rejects.toMatchObject({ status: 400 });
    expect(await h.replyCount()).toBe(erased);
  });

  it('refuses a reply that breaks the content rules (a party slogan, a raw-IP link), queueing nothing', async () => {
    const tip = await h.tipAtMufassil('+919815000004');
    const replies = await h.replyCount();
    for (const text of ['वोट दें B.J.P. को', 'यहाँ देखें http://203.0.113.7/offer']) {
      await expect(reply('sho-mufassil', tip.caseId, text)).rejects.toMatchObject({ status: 400 });
    }
    expect(await h.replyCount()).toBe(replies);
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'new' });
  });
});
