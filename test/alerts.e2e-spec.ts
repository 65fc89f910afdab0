import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, SAMPLE_CSV, startDistributed } from './support';

/** Issue #18 point 2 through the simulator and Kafka: an urgent message alerts the station's own officer. */
describe('alerts for urgent cases end to end', () => {
  let d: Deployment;
  let sho: ApiClient;
  let other: ApiClient;
  const citizen = '+919234300001';
  const shoPhone = '+919234399001';

  beforeAll(async () => {
    d = await startDistributed(inject('runPrefix'), 'alerts', inject('kafkaBrokers'), {
      ALERT_ESCALATE_AFTER_SECONDS: '4',
    });
    const admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    const group = (
      await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode: 'PAT-KOTWALI',
        name: 'कोतवाली जनसेतु',
      })
    ).body;
    for (const [username, jurisdictionCode] of [
      ['sho.kotwali', 'PAT-KOTWALI'],
      ['sho.pirbahore', 'PAT-PIRBAHORE'],
    ]) {
      await admin.request('POST', '/api/v1/officers', {
        username,
        password: `${username}-password`,
        role: 'station_officer',
        jurisdictionCode,
        displayName: username,
      });
    }
    sho = d.api.as(await d.api.login('sho.kotwali', 'sho.kotwali-password'));
    other = d.api.as(await d.api.login('sho.pirbahore', 'sho.pirbahore-password'));
    await citizenSends(d.api, citizen, `JOIN ${group.joinCode}`);
    await eventually(async () => ((await inboxOf(d.api, citizen)).length ? true : undefined), 30_000, 'joined');
  });
  afterAll(async () => d?.stop());

  it('manages alert contacts: masked, 400 with a reason on bad input, 404 for another station', async () => {
    const bad = await sho.request<{ message: unknown }>('POST', '/api/v1/alert-contacts', {
      channel: 'pigeon',
      address: 'call me',
      label: 'SHO',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('channel');
    const added = await sho.request<{ id: string; addressMask: string }>('POST', '/api/v1/alert-contacts', {
      channel: 'simulator',
      address: shoPhone,
      label: 'SHO Kotwali',
    });
    expect(added.status).toBe(201);
    expect(added.body.addressMask).toBe('••••••••01');
    expect(JSON.stringify(added.body)).not.toContain('9234399');
    const listed = await sho.request<unknown[]>('GET', '/api/v1/alert-contacts');
    expect(JSON.stringify(listed.body)).not.toContain('9234399');
    expect((await other.request<unknown[]>('GET', '/api/v1/alert-contacts')).body).toEqual([]);
    expect((await other.request('DELETE', `/api/v1/alert-contacts/${added.body.id}`)).status).toBe(404);
    const elsewhere = await other.request('POST', '/api/v1/alert-contacts', {
      channel: 'simulator',
      address: '+919234399002',
      label: 'x',
      jurisdictionCode: 'PAT-KOTWALI',
    });
    expect(elsewhere.status).toBe(404);
  });

  it('alerts the station officer within seconds of the citizen’s webhook; a tip alerts nobody', async () => {
    const started = Date.now();
    await citizenSends(d.api, citizen, 'गोली चल रही है, एक आदमी घायल है, जल्दी आइए');
    const alert = await eventually(
      async () => (await inboxOf(d.api, shoPhone)).find((m) => m.text.includes('Emergency case')),
      30_000,
      'alert',
    );
    const latencyMs = Date.now() - started;
    console.log(`webhook → alert in the simulator's outbox: ${latencyMs} ms (distributed, Kafka)`);
    expect(latencyMs).toBeLessThan(10_000);
    expect(alert.text).toMatch(/^JanSetu आपात मामला #\d+ /);
    expect(alert.text).not.toContain('गोली');
    await citizenSends(d.api, citizen, 'gali mein roz raat ko sharab bikti hai, kripya dhyan dein');
    await new Promise((r) => setTimeout(r, 3000));
    expect((await inboxOf(d.api, shoPhone)).filter((m) => m.text.includes('Emergency case')).length).toBe(1);
    const logs = d.gateway.log + d.dispatcher.log;
    expect(logs).not.toContain('9234399');
  });

  it('a reply "स्वीकार <number>" from the alerted phone acknowledges the case: audited, no escalation', async () => {
    const admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    await citizenSends(d.api, citizen, 'बाढ़ में पुल टूट गया, लोग बह गए, तुरंत मदद भेजें');
    const alert = await eventually(
      async () => (await inboxOf(d.api, shoPhone)).filter((m) => m.text.includes('Emergency case'))[1],
      30_000,
      'second alert',
    );
    const caseNumber = /#(\d+)/.exec(alert.text)![1];
    await citizenSends(d.api, shoPhone, `स्वीकार ${caseNumber}`);
    const confirmation = await eventually(
      async () => (await inboxOf(d.api, shoPhone)).find((m) => m.text.includes('acknowledged')),
      30_000,
      'acknowledgement',
    );
    expect(confirmation.text).toBe(
      `JanSetu: मामला #${caseNumber} स्वीकार, आगे नहीं भेजा जाएगा। Case #${caseNumber} acknowledged.`,
    );
    // The subdivision has a contact now: an unacknowledged alert would reach it after 4 s (job every 5 s).
    const sdpoPhone = '+919234399003';
    const added = await admin.request('POST', '/api/v1/alert-contacts', {
      channel: 'simulator',
      address: sdpoPhone,
      label: 'SDPO Sadar',
      jurisdictionCode: 'PAT-SADAR',
    });
    expect(added.status).toBe(201);
    await new Promise((r) => setTimeout(r, 12_000));
    expect((await inboxOf(d.api, sdpoPhone)).filter((m) => m.text.includes(`#${caseNumber} `))).toEqual([]);
    const db = new Client({ connectionString: d.env.DATABASE_URL });
    await db.connect();
    try {
      const audited = await db.query<{ event: { subject: { caseNumber: number }; body: Record<string, unknown> } }>(
        `SELECT event FROM audit_event WHERE type = 'alerts.case_alert_acknowledged'`,
      );
      const rows = audited.rows.map(({ event }) => [event.subject.caseNumber, event.body.via, event.body.addressMask]);
      expect(rows).toEqual([[Number(caseNumber), 'reply', '••••••••01']]);
      const acked = await db.query(`SELECT acknowledged_at FROM case_alert WHERE case_number = $1`, [
        Number(caseNumber),
      ]);
      expect(acked.rows[0].acknowledged_at).not.toBeNull();
      // The officer's reply is not filed as a citizen's case: the citizen's three messages only.
      expect((await db.query(`SELECT 1 FROM inbox_case`)).rowCount).toBe(3);
    } finally {
      await db.end();
    }
  });
});
