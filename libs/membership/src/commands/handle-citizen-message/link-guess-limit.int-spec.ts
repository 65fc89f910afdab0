import { CitizenHarness, citizenHarness } from '../../membership.harness';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AutoReply } from '@jansetu/broadcast';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { LINK_GUESSES_PER_HOUR } from '../../domain/link-code';
import { CreateGroupCommand } from '../create-group/create-group.command';
import { CreateGroupHandler } from '../create-group/create-group.handler';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
];

/** Issue #14: 100 wrong LINK codes in a row were processed; now a contact point gets a few, then a cool-down. */
describe('LINK <code> guesses are limited per contact point on PostgreSQL', () => {
  let dataSource: DataSource;
  let send: CitizenHarness['send'];
  let joinCode: string;
  const lastReply = async () => {
    const [row] = await dataSource.query<{ payload: { payload: AutoReply } }[]>(
      `SELECT payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
    );
    return row.payload.payload;
  };
  const issueCode = async (from: string) => {
    await send('sms', from, `JOIN ${joinCode}`);
    await send('sms', from, 'LINK');
    return /LINK (\d{8})/.exec((await lastReply()).text)![1];
  };
  /** The i-th wrong guess: never the real code (the code plus 1 + i, modulo eight digits). */
  const wrong = (code: string, i = 0) => String((Number(code) + 1 + i) % 100_000_000).padStart(8, '0');

  beforeAll(async () => {
    const harness = await citizenHarness(inject('runPrefix'), 'membership_link_guesses', tree);
    ({ dataSource, send } = harness);
    const groups = new CreateGroupHandler(dataSource, new JurisdictionLookup(), harness.audit);
    joinCode = (await groups.execute(new CreateGroupCommand(await harness.hq(), 'SAM', 'समस्तीपुर जनसेतु', 'hi'))).joinCode;
  });
  afterAll(async () => dataSource?.destroy());

  it(`answers ${LINK_GUESSES_PER_HOUR} wrong codes, then cools down even for the right one`, async () => {
    const code = await issueCode('+919860000001');
    for (let i = 0; i < LINK_GUESSES_PER_HOUR; i++) {
      await send('telegram', '860000002', `LINK ${wrong(code, i)}`);
      expect((await lastReply()).text).toContain('गलत या पुराना');
    }
    await send('telegram', '860000002', `LINK ${code}`);
    const reply = await lastReply();
    expect(reply).toMatchObject({ reason: 'link-code' });
    expect(reply.text).toMatch(/^जनसेतु: कई गलत LINK कोड आए, \d+ मिनट बाद फिर भेजें।$/);
    // Not linked: the telegram chat is still no contact point of anyone.
    expect(await dataSource.query(`SELECT 1 FROM contact_point WHERE channel = 'telegram'`)).toEqual([]);
  });

  it('counts per contact point: another chat still links with the right code', async () => {
    const code = await issueCode('+919860000003');
    await send('telegram', '860000004', `LINK ${code}`);
    expect((await lastReply()).reason).toBe('linked');
  });

  it('stores only a keyed hash of who guessed', async () => {
    const rows = await dataSource.query<Record<string, unknown>[]>(`SELECT * FROM link_code_attempt`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'telegram', failures: LINK_GUESSES_PER_HOUR });
    expect(JSON.stringify(rows)).not.toContain('860000002');
  });
});
