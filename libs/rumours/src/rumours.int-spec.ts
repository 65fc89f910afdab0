import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AutoReply, CreateBroadcastCommand } from '@jansetu/broadcast';
import { HandleCitizenMessageCommand } from '@jansetu/membership';
import { NotFoundError } from '@jansetu/platform';
// The inbox's test world (test code, excluded from the build): rumours reacts to the inbox's CaseFiled.
import { InboxHarness, inboxHarness } from '../../inbox/src/inbox.harness';
import { CloseRumourCommand } from './commands/close-rumour/close-rumour.command';
import { MarkRumourCommand } from './commands/mark-rumour/mark-rumour.command';
import { ListClustersQuery } from './queries/list-clusters/list-clusters.query';
import { ListRumoursQuery } from './queries/list-rumours/list-rumours.query';
import { RumoursModule } from './rumours.module';

const hi = 'बच्चा चोरी की अफवाह झूठी है। किसी अनजान व्यक्ति को भीड़ बनाकर न पीटें, पुलिस को 112 पर सूचना दें।';
const en = 'The child-lifting rumour is false. Do not beat strangers; call the police on 112.';
const rumourText = 'सावधान!! गाँव में किडनी निकालने वाला गिरोह घूम रहा है, सफेद गाड़ी में बच्चों को उठा ले जाते हैं, सबको बताओ';

describe('rumour verification and early warning on PostgreSQL', () => {
  let h: InboxHarness;
  let code: string;

  /** A citizen's message through membership, then every event the dispatcher would deliver (inbox, rumours). */
  async function says(from: string, text: string): Promise<void> {
    await h.commands.execute(
      new HandleCitizenMessageCommand(randomUUID(), {
        channel: 'sms',
        fromSealed: h.cipher.encrypt(from),
        text,
        providerMessageId: `ref-${randomUUID()}`,
        receivedAt: new Date().toISOString(),
      }),
    );
    await h.deliverEvents();
  }
  /** The verification answers queued so far, newest last, with the address each goes to. */
  async function answers(): Promise<{ text: string; to: string }[]> {
    const rows = await h.ds.query<{ payload: { payload: AutoReply } }[]>(
      `SELECT payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq`,
    );
    const out = [];
    for (const { payload } of rows) {
      const r = payload.payload;
      if (r.reason !== 'verification') continue;
      const sealed =
        r.toSealed ??
        (
          await h.ds.query<{ a: string }[]>(`SELECT address_ciphertext a FROM contact_point WHERE id = $1`, [
            r.contactPointId,
          ])
        )[0].a;
      out.push({ text: r.text, to: await h.unseal(sealed) });
    }
    return out;
  }
  const lastAnswerTo = async (to: string) => (await answers()).filter((a) => a.to === to).at(-1)?.text;

  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'rumours', [RumoursModule]);
    await h.member('sms', '+919840000001', h.group.dharampur);
    const sent = await h.commands.execute(
      new CreateBroadcastCommand(h.officer['sho-mufassil'], [h.group.dharampur], 'rumour_rebuttal', { hi, en }),
    );
    code = sent.verificationCode;
  });
  afterAll(async () => h?.close());

  it('answers VERIFY <code> with the date and the place of the genuine broadcast', async () => {
    await says('+919840000001', `VERIFY ${code.toLowerCase()}`);
    const answer = await lastAnswerTo('+919840000001');
    expect(answer).toContain('यह बिहार पुलिस का असली संदेश है: धरमपुर');
    expect(answer).toContain('Genuine Bihar Police message: Dharampur');
    expect(answer).toMatch(/\d{2}-\d{2}-\d{4}/);
  });

  it('tells a stranger that an unknown code is on no police message, and VERIFY alone how to ask', async () => {
    await says('+919840000099', 'सत्यापन ZZ22ZZ');
    expect(await lastAnswerTo('+919840000099')).toContain('Code ZZ22ZZ is on no police message');
    await says('+919840000099', 'verify');
    expect(await lastAnswerTo('+919840000099')).toContain('VERIFY <code>');
  });

  it('recognises a forwarded copy of the broadcast by its text, and an altered one by its changed number', async () => {
    await says('+919840000001', `Forwarded many times\n\n🙏 ${hi.replace(/।/g, '!')} 🙏\n${en}`);
    expect(await lastAnswerTo('+919840000001')).toContain('Genuine Bihar Police message');
    await says('+919840000002', `Forwarded\n${hi.replace('112', '9876500000')}`);
    expect(await lastAnswerTo('+919840000002')).toContain('altered copy');
    // Filed as a case as before: the inbox still has it.
    const [{ n }] = await h.ds.query<{ n: number }[]>(`SELECT count(*)::int n FROM inbox_case`);
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('says a forwarded text that matches nothing is no police message, and counts it by district', async () => {
    await h.member('sms', '+919840000011', h.group.town);
    await h.member('sms', '+919840000012', h.group.dharampur);
    await says('+919840000011', `Forwarded\n${rumourText}`);
    await says('+919840000012', `Forwarded\n${rumourText.replace('!!', '').replace(/,/g, ' ')} 😱😱`);
    await says('+919840000012', `Forwarded\n${rumourText}`); // the same sender again: one more report, same sender
    expect(await lastAnswerTo('+919840000011')).toContain('This is not a Bihar Police message');

    const [cluster] = await h.queries.execute(new ListClustersQuery(h.officer['sp-samastipur'], 24, 10));
    expect(cluster).toMatchObject({
      reports: 3,
      senders: 2,
      byDistrict: [{ code: 'SAM', reports: 3, senders: 2 }],
      districtCodes: ['SAM'],
      rumour: null,
    });
    expect(cluster.sample).toContain('किडनी');
    expect(cluster.byHour).toEqual([{ hour: expect.stringMatching(/:00:00.000Z$/), reports: 3 }]);
    // Scoped: Patna's SP sees nothing of Samastipur's clusters; the Town station only its own reports.
    expect(await h.queries.execute(new ListClustersQuery(h.officer['sp-patna'], 24, 10))).toEqual([]);
    const [town] = await h.queries.execute(new ListClustersQuery(h.officer['sho-town'], 24, 10));
    expect(town).toMatchObject({ id: cluster.id, reports: 1, senders: 1 });
    // No sender identity in a report: a tag per cluster, the text sealed.
    const reports = await h.ds.query<Record<string, string>[]>(`SELECT * FROM rumour_report`);
    for (const r of reports) expect(JSON.stringify(r)).not.toMatch(/98400000|किडनी/);
  });

  it('answers a marked cluster with its rebuttal at once, and stops when the rumour is closed', async () => {
    const [cluster] = await h.queries.execute(new ListClustersQuery(h.officer['sp-samastipur'], 24, 10));
    const rebuttal = { hi: 'किडनी गिरोह की खबर झूठी है। अफवाह न फैलाएँ।', en: 'The kidney-gang story is false.' };
    await expect(
      h.commands.execute(
        new MarkRumourCommand(h.officer['sp-patna'], {
          sample: null,
          clusterId: cluster.id,
          rebuttal,
          jurisdictionCode: null,
        }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    const rumour = await h.commands.execute(
      new MarkRumourCommand(h.officer['sp-samastipur'], {
        sample: null,
        clusterId: cluster.id,
        rebuttal,
        jurisdictionCode: null,
      }),
    );
    expect(rumour.sample).toContain('किडनी');
    await says('+919840000001', `Fwd: ${rumourText.slice(0, 80)}`);
    expect(await lastAnswerTo('+919840000001')).toBe(
      `पुलिस: यह अफवाह है। ${rebuttal.hi}\nPolice: this is a rumour. ${rebuttal.en}`,
    );
    const [after] = await h.queries.execute(new ListClustersQuery(h.officer['sp-samastipur'], 24, 10));
    expect(after).toMatchObject({ id: cluster.id, reports: 4, rumour: { id: rumour.id, status: 'open' } });

    expect(await h.queries.execute(new ListRumoursQuery(h.officer['sho-town'], 'open', 10, 0))).toMatchObject([
      { id: rumour.id },
    ]);
    expect(await h.queries.execute(new ListRumoursQuery(h.officer['sp-patna'], null, 10, 0))).toEqual([]);
    await expect(h.commands.execute(new CloseRumourCommand(h.officer['sp-patna'], rumour.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await h.commands.execute(new CloseRumourCommand(h.officer['sp-samastipur'], rumour.id));
    await says('+919840000001', `Forwarded\n${rumourText}`);
    expect(await lastAnswerTo('+919840000001')).toContain('This is not a Bihar Police message');
    expect((await h.auditEvents('rumour.marked')).length).toBe(1);
    expect((await h.auditEvents('rumour.closed')).length).toBe(1);
  });

  it('marks a rumour from a sample: a re-typed copy gets the rebuttal', async () => {
    await h.commands.execute(
      new MarkRumourCommand(h.officer['hq'], {
        sample: 'कल से पूरे बिहार में इंटरनेट बंद रहेगा, सरकार का आदेश है, सभी को भेजो',
        clusterId: null,
        rebuttal: { hi: 'इंटरनेट बंद होने की खबर झूठी है।' },
        jurisdictionCode: null,
      }),
    );
    await says('+919840000077', 'Forwarded\nकल से पूरे बिहार में इन्टरनेट बंद रहेगा सरकार का आदेश है सभी को भेजो!!');
    expect(await lastAnswerTo('+919840000077')).toBe('पुलिस: यह अफवाह है। इंटरनेट बंद होने की खबर झूठी है।');
  });

  it('leaves ordinary tips alone', async () => {
    const before = (await answers()).length;
    await says('+919840000001', 'gaon ke school ke peeche roz raat ko sharab bikti hai');
    expect((await answers()).length).toBe(before);
  });
});
