import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DltGatewayFake } from '@jansetu/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AutoReply } from '../../domain/auto-reply';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { SendReplyCommand } from './send-reply.command';

const HELP = { id: '1107160000000000401', text: 'जनसेतु: {#var#} भेजें', language: 'hi', kind: 'automatic' };
const REPLY = {
  id: '1107160000000000402',
  text: 'बिहार पुलिस (केस {#var#}): {#var#}{#var#}{#var#}{#var#}',
  language: 'hi',
  kind: 'officer-reply',
};
const JOINED = {
  id: '1107160000000000403',
  text: 'जनसेतु: आप {#var#}{#var#}{#var#} से जुड़ गए। बिहार पुलिस की सूचनाएँ/अलर्ट आएँगे, नंबर गुप्त रहेगा। छोड़ें: STOP। English: LANG EN',
  language: 'hi',
  kind: 'automatic',
};

/** Automatic texts and an officer's reply through the dispatcher's send, on DLT SMS with a register. */
describe('SendReplyHandler on DLT SMS with a template register', () => {
  let world: BroadcastWorld;
  const fake = new DltGatewayFake({ templates: Object.fromEntries([HELP, REPLY, JOINED].map((t) => [t.id, t.text])) });
  let citizen: { pseudonym: string; contactPointId: string };

  const send = (text: string) =>
    world.commands.execute(
      new SendReplyCommand(randomUUID(), {
        contactPointId: citizen.contactPointId,
        pseudonym: citizen.pseudonym,
        reason: 'inbox-ack',
        text,
        jurisdictionPath: null,
      } satisfies AutoReply),
    );
  const lastAudit = async () =>
    (await world.auditTrail(`citizen:${citizen.pseudonym}`)).filter((e) => e.type === 'auto_reply.sent').at(-1)!;

  beforeAll(async () => {
    await fake.start();
    const file = join(mkdtempSync(join(tmpdir(), 'dlt-send-reply-')), 'templates.json');
    writeFileSync(file, JSON.stringify({ templates: [HELP, REPLY, JOINED] }));
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_reply_dlt', {
      SMS_PROVIDER: 'dlt',
      DLT_SMS_URL: fake.url,
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: 'inbound-secret-0123456789',
      DLT_TEMPLATES_FILE: file,
    });
    const hq = await world.newOfficer('hq_admin', null);
    const { joinCode } = await world.newGroup(hq, 'KOTWALI');
    citizen = await world.newCitizen('sms', '+919815000201', joinCode);
  });
  afterAll(async () => {
    await world?.close();
    await fake.stop();
  });

  it('sends an automatic text under its template and audits the template id', async () => {
    fake.reset();
    expect(await send('जनसेतु: JOIN <कोड> भेजें')).toEqual({ sent: true });
    expect(fake.sent).toMatchObject([{ templateId: HELP.id, text: 'जनसेतु: JOIN <कोड> भेजें' }]);
    expect((await lastAudit()).body).toMatchObject({ status: 'sent', dltTemplateIds: [HELP.id] });
  });

  it('sends an officer’s long reply in numbered parts under the reply template, audited as one reply', async () => {
    fake.reset();
    const words = 'आपकी सूचना पर थाना प्रभारी ने जाँच शुरू कर दी है, कृपया धैर्य रखें। '.repeat(4).trim();
    expect(await send(`बिहार पुलिस (केस 7): ${words}`)).toEqual({ sent: true });
    expect(fake.sent.length).toBeGreaterThan(1);
    expect(fake.sent.every((m) => m.templateId === REPLY.id)).toBe(true);
    expect(fake.sent[0].text).toMatch(/^बिहार पुलिस \(केस 7\): 1\/\d+ आपकी/);
    const audit = await lastAudit();
    expect(audit.body).toMatchObject({ status: 'sent', dltTemplateIds: fake.sent.map(() => REPLY.id) });
  });

  it('refuses a text that matches no template: nothing reaches the gateway, the audit says failed', async () => {
    fake.reset();
    expect(await send('Unregistered words')).toEqual({ sent: false });
    expect(fake.calls).toHaveLength(0);
    expect((await lastAudit()).body).toMatchObject({ status: 'failed', failure: 'permanent' });
  });
});
