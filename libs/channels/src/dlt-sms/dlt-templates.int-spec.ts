import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlindIndex, Metrics } from '@jansetu/platform';
import { DltGatewayFake, migratedDataSource } from '@jansetu/testing';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildChannels, planChannels } from '../provider-registry';
import { DltTemplate } from './dlt-templates';

const CITIZEN = '+919876543210';
const NOT_FOUND: DltTemplate = {
  id: '1107160000000000201',
  text: 'JanSetu: code {#var#} not found. Check the code on the poster.',
  language: 'en',
  kind: 'automatic',
  key: 'membership.unknownCode',
};
const HELP: DltTemplate = {
  id: '1107160000000000202',
  text: 'JanSetu: Emergency? Dial 112 now! Your message was sent to the police.',
  language: 'en',
  kind: 'automatic',
  key: 'inbox.emergency',
};

/** The DLT provider as start-up builds it: the operator's file into dlt_template, and a process without the file. */
describe('DLT template register on PostgreSQL', () => {
  let dataSource: DataSource;
  const fake = new DltGatewayFake({ templates: { [NOT_FOUND.id]: NOT_FOUND.text, [HELP.id]: HELP.text } });
  const dir = mkdtempSync(join(tmpdir(), 'dlt-templates-'));
  const metrics = new Metrics();

  const start = async (file?: string) => {
    const env: Record<string, string> = {
      DLT_SMS_URL: fake.url,
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: 'inbound-secret-0123456789',
      ...(file ? { DLT_TEMPLATES_FILE: file } : {}),
    };
    const plan = planChannels({ env, CHANNEL_SIMULATOR: false, PUBLIC_BASE_URL: 'https://jansetu.example.in' });
    const channels = buildChannels(plan, {
      dataSource,
      blindIndex: new BlindIndex(Buffer.alloc(32, 7).toString('base64')),
      metrics,
    });
    await channels.start();
    return channels.adapters.find((a) => a.channel === 'sms')!;
  };
  const register = (name: string, templates: DltTemplate[]) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ templates }));
    return file;
  };
  const stored = async () =>
    (await dataSource.query<{ id: string }[]>(`SELECT id FROM dlt_template ORDER BY id`)).map((r) => r.id);

  beforeAll(async () => {
    ({ dataSource } = await migratedDataSource(inject('runPrefix'), 'dlt_templates'));
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await dataSource?.destroy();
  });

  it('stores the file, sends each text under its template, and refuses (and counts) one that matches none', async () => {
    const sms = await start(register('two.json', [NOT_FOUND, HELP]));

    expect(await stored()).toEqual([NOT_FOUND.id, HELP.id]);
    expect(
      await sms.send({ to: CITIZEN, text: 'JanSetu: code Q77 not found. Check the code on the poster.' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await sms.send({ to: CITIZEN, text: HELP.text })).toMatchObject({ ok: true });
    expect(await sms.send({ to: CITIZEN, text: 'JanSetu: hello' })).toMatchObject({
      ok: false,
      detail: 'SMS: matches no registered DLT template',
    });
    expect(fake.sent.map((m) => m.templateId)).toEqual([NOT_FOUND.id, HELP.id]);
    expect(await metrics.registry.getSingleMetricAsString('jansetu_dlt_template_refusals_total')).toMatch(
      /jansetu_dlt_template_refusals_total\{reason="none"\} 1/,
    );
  });

  it('a process without the file (a second dispatcher) sends under what the table holds', async () => {
    fake.reset();
    const sms = await start();

    expect(await sms.send({ to: CITIZEN, text: HELP.text })).toMatchObject({ ok: true });
    expect(fake.sent.map((m) => m.templateId)).toEqual([HELP.id]);
  });

  it('a template the operator removes from the file is removed, and its text is refused from then on', async () => {
    fake.reset();
    const sms = await start(register('one.json', [NOT_FOUND]));

    expect(await stored()).toEqual([NOT_FOUND.id]);
    expect(await sms.send({ to: CITIZEN, text: HELP.text })).toMatchObject({ ok: false });
    expect(fake.calls).toHaveLength(0);
  });

  it('a bad file stops start-up and says what is wrong', () => {
    const bad = register('bad.json', [{ ...HELP, id: 'DLT-1' }]);
    expect(() =>
      buildChannels(
        planChannels({
          env: {
            DLT_TEMPLATES_FILE: bad,
            DLT_SMS_URL: fake.url,
            DLT_SENDER: 'BHRPOL',
            DLT_ENTITY_ID: '1101234567890123456',
            DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
            DLT_INBOUND_SECRET: 'inbound-secret-0123456789',
          },
          CHANNEL_SIMULATOR: false,
          PUBLIC_BASE_URL: 'https://jansetu.example.in',
        }),
        { dataSource, blindIndex: new BlindIndex(Buffer.alloc(32, 7).toString('base64')) },
      ),
    ).toThrow(/DLT_TEMPLATES_FILE .*bad\.json: templates\.0\.id must be a numeric DLT content template id/);
  });
});
