import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateRevealKeyPair } from '../../domain/reveal-seal';
import { REVEAL_REQUESTS_PER_DAY } from '../../domain/reveal-request-policy';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { ListRevealsQuery } from '../../queries/list-reveals/list-reveals.query';
import { DecideRevealCommand } from '../decide-reveal/decide-reveal.command';
import { ExpireRevealRequestsCommand } from '../expire-reveal-requests/expire-reveal-requests.command';
import { RevealIdentityCommand } from '../reveal-identity/reveal-identity.command';
import { RequestRevealCommand } from './request-reveal.command';

const REASON = 'FIR 12/25: the informant is needed as a witness';

describe('a reveal is a two-person act (request → senior approval → audited view) on PostgreSQL', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_two_person');
    await h.newOfficer('sp2-samastipur', 'district_admin', 'SAM');
    // One requester per scenario: the daily limit is per requester.
    for (const name of ['sp-busy', 'sp-hindi', 'sp-refused', 'sp-late', 'sp-anon']) {
      await h.newOfficer(name, 'district_admin', 'SAM');
    }
    await h.newOfficer('auditor', 'auditor', null);
  });
  afterAll(async () => h?.close());

  const request = (who: string, caseId: string, reason = REASON) =>
    h.commands.execute(new RequestRevealCommand(h.officer[who], caseId, reason));
  const decide = (who: string, id: string, decision: 'approve' | 'refuse', key: string | null = null) =>
    h.commands.execute(new DecideRevealCommand(h.officer[who], id, decision, 'checked', key));
  const view = (who: string, caseId: string) =>
    h.commands.execute(new RevealIdentityCommand(h.officer[who], caseId, REASON));
  const events = async (type: string, requestId: string) =>
    (await h.auditEvents(type)).filter((e) => e.event.subject.revealRequestId === requestId);

  it('gives the address only after a distinct officer above approved, and audits each step and each view', async () => {
    const tip = await h.tipAtMufassil('+919830000001');
    const req = await request('sp-samastipur', tip.caseId);
    expect(req).toMatchObject({ caseId: tip.caseId, status: 'requested' });
    expect((await events('inbox.reveal_requested', req.id))[0].event).toMatchObject({
      actor: { officerId: h.officer['sp-samastipur'].id },
      body: { reason: REASON, reference: 'FIR 12/25' },
    });
    // One person alone gets nothing: not before approval, not by approving their own request.
    await expect(view('sp-samastipur', tip.caseId)).rejects.toMatchObject({ status: 403 });
    await expect(decide('sp-samastipur', req.id, 'approve')).rejects.toMatchObject({ status: 403 });
    // A peer is not "above": another district admin of the same district cannot approve.
    await expect(decide('sp2-samastipur', req.id, 'approve')).rejects.toMatchObject({ status: 403 });
    await expect(decide('sho-mufassil', req.id, 'approve')).rejects.toMatchObject({ status: 403 });
    expect(await events('inbox.reveal_approved', req.id)).toEqual([]);

    expect(await decide('hq', req.id, 'approve')).toMatchObject({ id: req.id, status: 'approved' });
    expect((await events('inbox.reveal_approved', req.id))[0].event).toMatchObject({
      actor: { officerId: h.officer.hq.id, role: 'hq_admin' },
      body: { requestedBy: h.officer['sp-samastipur'].id },
    });
    // Only the requester views; the approver does not get the number by approving.
    await expect(view('hq', tip.caseId)).rejects.toMatchObject({ status: 403 });
    expect(await view('sp-samastipur', tip.caseId)).toMatchObject({ address: '+919830000001', channel: 'sms' });
    await view('sp-samastipur', tip.caseId);
    const views = (await h.auditEvents('inbox.identity_revealed')).filter(
      (e) => e.event.body.revealRequestId === req.id,
    );
    expect(views).toHaveLength(2);
    expect(views[0].event).toMatchObject({ body: { reason: REASON, approvedBy: h.officer.hq.id } });
    await expect(decide('hq', req.id, 'approve')).rejects.toMatchObject({ status: 409 });
  });

  it.each([
    ['no FIR or case number', 'the informant is needed as a witness'],
    ['junk of ten letters', 'abcdefghij'],
    ['another case’s number', 'Case 999999: needed as a witness'],
  ])('refuses a request with %s (400) and audits nothing', async (_label, reason) => {
    const tip = await h.tipAtMufassil(`+9198300001${reason.length}`);
    await expect(request('sp-samastipur', tip.caseId, reason)).rejects.toMatchObject({ status: 400 });
    const [{ n }] = await h.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbox_reveal_request WHERE case_id = $1`,
      [tip.caseId],
    );
    expect(n).toBe(0);
  });

  it('accepts this case’s own number, in Hindi too', async () => {
    const tip = await h.tipAtMufassil('+919830000201');
    const req = await request('sp-hindi', tip.caseId, `केस ${tip.caseNumber} में गवाही हेतु`);
    expect(req.status).toBe('requested');
    await decide('hq', req.id, 'refuse');
  });

  it('audits a refusal, after which nothing can be viewed or approved', async () => {
    const tip = await h.tipAtMufassil('+919830000301');
    const req = await request('sp-refused', tip.caseId);
    expect(await decide('hq', req.id, 'refuse')).toEqual({ id: req.id, status: 'refused', viewUntil: null });
    expect(await events('inbox.reveal_refused', req.id)).toHaveLength(1);
    await expect(view('sp-refused', tip.caseId)).rejects.toMatchObject({ status: 403 });
    await expect(decide('hq', req.id, 'approve')).rejects.toMatchObject({ status: 409 });
  });

  it('expires a request nobody approved in time, audited, and refuses a late approval', async () => {
    const tip = await h.tipAtMufassil('+919830000401');
    const req = await request('sp-late', tip.caseId);
    // The world a day later: the deadline has passed.
    await h.ds.query(`UPDATE inbox_reveal_request SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      req.id,
    ]);
    await expect(decide('hq', req.id, 'approve')).rejects.toMatchObject({ status: 409 });
    expect((await events('inbox.reveal_expired', req.id))[0].event).toMatchObject({ actor: { kind: 'system' } });
    const [{ status }] = await h.ds.query<{ status: string }[]>(
      `SELECT status FROM inbox_reveal_request WHERE id = $1`,
      [req.id],
    );
    expect(status).toBe('expired');
    await expect(view('sp-late', tip.caseId)).rejects.toMatchObject({ status: 403 });
    expect(await h.commands.execute(new ExpireRevealRequestsCommand())).toEqual({ expired: 0 });
  });

  it(`limits a requester to ${REVEAL_REQUESTS_PER_DAY} requests a day (429), audited only when accepted`, async () => {
    const before = (await h.auditEvents('inbox.reveal_requested')).length;
    for (let i = 0; i < REVEAL_REQUESTS_PER_DAY; i++) {
      const tip = await h.tipAtMufassil(`+91983000050${i}`);
      await request('sp-busy', tip.caseId);
    }
    const tip = await h.tipAtMufassil('+919830000599');
    await expect(request('sp-busy', tip.caseId)).rejects.toMatchObject({ status: 429 });
    expect((await h.auditEvents('inbox.reveal_requested')).length).toBe(before + REVEAL_REQUESTS_PER_DAY);
  });

  it('opens an anonymous case only with the HQ private key brought by the approver', async () => {
    await h.member('sms', '+919830000601', h.group.dharampur);
    const anon = await h.filed('sms', '+919830000601', 'ANON gaon me avaidh hathiyar ka karobar ho raha hai');
    const req = await request('sp-anon', anon.caseId);
    await expect(decide('hq', req.id, 'approve')).rejects.toMatchObject({ status: 400 });
    await expect(decide('hq', req.id, 'approve', generateRevealKeyPair().privateKey)).rejects.toMatchObject({
      status: 400,
    });
    expect(await events('inbox.reveal_approved', req.id)).toEqual([]);
    await decide('hq', req.id, 'approve', h.revealPrivateKey);
    expect(await view('sp-anon', anon.caseId)).toMatchObject({ address: '+919830000601', channel: 'sms' });
    // The key itself is stored nowhere.
    const dump = JSON.stringify(await h.ds.query(`SELECT * FROM inbox_reveal_request`));
    expect(dump).not.toContain(h.revealPrivateKey.slice(20, 60));
  });

  it('lets an HQ admin request only with a second HQ admin approving', async () => {
    const tip = await h.tipAtMufassil('+919830000701');
    const req = await request('hq', tip.caseId);
    await expect(decide('hq', req.id, 'approve')).rejects.toMatchObject({ status: 403 });
    await expect(decide('sp-samastipur', req.id, 'approve')).rejects.toMatchObject({ status: 403 });
    await decide('hq-2', req.id, 'approve');
    expect(await view('hq', tip.caseId)).toMatchObject({ address: '+919830000701' });
  });

  it('reports every request, decision, expiry and view to auditors, with no address', async () => {
    const report = await h.queries.execute(new ListRevealsQuery(h.officer.auditor, 500));
    const statuses = report.map((r) => r.status);
    for (const s of ['approved', 'refused', 'expired', 'requested']) expect(statuses).toContain(s);
    const viewed = report.find((r) => r.views.length === 2)!;
    expect(viewed).toMatchObject({
      reference: 'FIR 12/25',
      requestedBy: { officerId: h.officer['sp-samastipur'].id, role: 'district_admin' },
      decidedBy: { officerId: h.officer.hq.id, role: 'hq_admin' },
      inboxCode: 'SAM-MUFASSIL',
    });
    const json = JSON.stringify(report);
    expect(json).not.toContain('98300000');
    expect(await h.queries.execute(new ListRevealsQuery(h.officer['sp-patna']))).toEqual([]);
  });
});
