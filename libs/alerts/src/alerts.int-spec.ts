import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AutoReply } from '@jansetu/broadcast';
import { TransitionCaseCommand } from '@jansetu/inbox';
import { NotFoundError } from '@jansetu/platform';
// The inbox's test world (test code, excluded from the build): alerts react to the inbox's events.
import { InboxHarness, inboxHarness } from '../../inbox/src/inbox.harness';
import { AlertsModule } from './alerts.module';
import { AddAlertContactCommand } from './commands/add-alert-contact/add-alert-contact.command';
import { EscalateAlertsCommand } from './commands/escalate-alerts/escalate-alerts.command';
import { RemoveAlertContactCommand } from './commands/remove-alert-contact/remove-alert-contact.command';
import { ListAlertContactsQuery } from './queries/list-alert-contacts/list-alert-contacts.query';
import { ListOpenAlertsQuery } from './queries/list-open-alerts/list-open-alerts.query';

const SHO = '+919870000001';
const SDPO = '+919870000002';
const SP = '+919870000003';

describe('alerts and escalation for urgent cases on PostgreSQL', () => {
  let h: InboxHarness;

  /** The alerts queued so far on the automatic-reply path, with the address each goes to. */
  async function alerts(): Promise<{ text: string; to: string; at: Date }[]> {
    const rows = await h.ds.query<{ payload: { payload: AutoReply }; created_at: Date }[]>(
      `SELECT payload, created_at FROM outbox_message WHERE type = 'reply.send' ORDER BY seq`,
    );
    const out = [];
    for (const { payload, created_at } of rows) {
      if (payload.payload.reason !== 'case-alert') continue;
      out.push({ text: payload.payload.text, to: await h.unseal(payload.payload.toSealed!), at: created_at });
    }
    return out;
  }
  const add = (who: string, address: string, code: string | null) =>
    h.commands.execute(
      new AddAlertContactCommand(h.officer[who], { channel: 'sms', address, label: who, jurisdictionCode: code }),
    );

  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'alerts', [AlertsModule], { ALERT_ESCALATE_AFTER_SECONDS: '1' });
    await h.newOfficer('sdpo-sadar', 'subdivision_officer', 'SAM-SADAR');
    await add('sho-mufassil', SHO, null);
    await add('sdpo-sadar', SDPO, null);
    await add('sp-samastipur', SP, 'SAM');
  });
  afterAll(async () => h?.close());

  it('shows contacts masked, and a station officer may not manage another station', async () => {
    const listed = await h.queries.execute(new ListAlertContactsQuery(h.officer['sp-samastipur']));
    expect(listed.map((c) => c.addressMask)).toEqual(['••••••••03', '••••••••02', '••••••••01']);
    expect(JSON.stringify(listed)).not.toContain('98700000');
    const own = await h.queries.execute(new ListAlertContactsQuery(h.officer['sho-town']));
    expect(own).toEqual([]);
    await expect(add('sho-town', '+919870000009', 'SAM-MUFASSIL')).rejects.toBeInstanceOf(NotFoundError);
    const mufassil = listed.find((c) => c.addressMask.endsWith('01'))!;
    await expect(
      h.commands.execute(new RemoveAlertContactCommand(h.officer['sho-town'], mufassil.id)),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      h.commands.execute(new RemoveAlertContactCommand(h.officer['sp-patna'], mufassil.id)),
    ).rejects.toBeInstanceOf(NotFoundError);
    // The address is sealed at rest.
    const rows = await h.ds.query<Record<string, string>[]>(`SELECT * FROM alert_contact`);
    expect(JSON.stringify(rows)).not.toContain('98700000');
    expect((await h.auditEvents('alerts.contact_added')).length).toBe(3);
  });

  it('alerts the station at once on an urgent case, nothing on a tip; escalates unacknowledged', async () => {
    const started = Date.now();
    const urgent = await h.tipAtMufassil('+919850000011', 'गोली चल रही है, हत्या हो गई, जल्दी आओ');
    expect(urgent.urgent).toBe(true);
    await h.deliverEvents();
    const latencyMs = Date.now() - started;
    const first = await alerts();
    expect(first.map((a) => a.to)).toEqual([SHO]);
    expect(first[0].text).toContain(`#${urgent.caseNumber}`);
    expect(first[0].text).toMatch(/^JanSetu आपात मामला .*Emergency case/);
    expect(first[0].text).not.toContain('गोली');
    expect(first[0].text.length).toBeLessThanOrEqual(160);
    console.log(`alert queued ${latencyMs} ms after the message was received (filing + event delivery)`);
    expect(latencyMs).toBeLessThan(5000);

    await h.tipAtMufassil('+919850000012', 'gaon ke school ke peeche roz raat ko sharab bikti hai');
    await h.deliverEvents();
    expect((await alerts()).length).toBe(1);

    // Not yet due: nothing moves.
    await h.commands.execute(new EscalateAlertsCommand());
    expect((await alerts()).length).toBe(1);
    await sleep(1100);
    expect(await h.commands.execute(new EscalateAlertsCommand())).toEqual({ escalated: 1 });
    expect((await alerts()).map((a) => a.to)).toEqual([SHO, SDPO]);
    await sleep(1100);
    await h.commands.execute(new EscalateAlertsCommand());
    expect((await alerts()).map((a) => a.to)).toEqual([SHO, SDPO, SP]);
    // The district is the last level.
    await sleep(1100);
    expect(await h.commands.execute(new EscalateAlertsCommand())).toEqual({ escalated: 0 });
    expect((await h.auditEvents('alerts.case_alert_escalated')).length).toBe(2);
  });

  it('stops escalating once the case is acknowledged', async () => {
    const before = (await alerts()).length;
    const urgent = await h.tipAtMufassil('+919850000013', 'bomb jaisa saaman mila hai bazaar mein, log bhag rahe hain');
    expect(urgent.urgent).toBe(true);
    await h.deliverEvents();
    expect((await alerts()).length).toBe(before + 1);
    await h.commands.execute(new TransitionCaseCommand(h.officer['sho-mufassil'], urgent.caseId, 'acknowledge'));
    await h.deliverEvents();
    await sleep(1100);
    expect(await h.commands.execute(new EscalateAlertsCommand())).toEqual({ escalated: 0 });
    expect((await alerts()).length).toBe(before + 1);
  });

  it('lists the alerts nobody acknowledged, with how far they escalated, to the area’s officers only', async () => {
    const open = await h.queries.execute(new ListOpenAlertsQuery(h.officer['sp-samastipur']));
    // The shooting escalated to the district and is still open; the acknowledged bomb report is not listed.
    expect(open).toEqual([
      expect.objectContaining({ level: 2, escalateAt: null, pseudonym: expect.stringMatching(/^[A-Z]-/) }),
    ]);
    expect(await h.queries.execute(new ListOpenAlertsQuery(h.officer['sho-mufassil']))).toEqual(open);
    expect(await h.queries.execute(new ListOpenAlertsQuery(h.officer['sho-town']))).toEqual([]);
    expect(await h.queries.execute(new ListOpenAlertsQuery(h.officer['sp-patna']))).toEqual([]);
    expect(JSON.stringify(open)).not.toContain('98500000');
  });
});
