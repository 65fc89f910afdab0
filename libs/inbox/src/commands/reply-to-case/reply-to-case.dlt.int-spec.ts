import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DltGatewayFake } from '@jansetu/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { ReplyToCaseCommand } from './reply-to-case.command';

/** A register with the tip acknowledgement but no officer-reply template: an officer's SMS reply cannot go out. */
describe('ReplyToCaseHandler with DLT SMS on (PostgreSQL)', () => {
  let h: InboxHarness;
  const fake = new DltGatewayFake();
  beforeAll(async () => {
    await fake.start();
    const file = join(mkdtempSync(join(tmpdir(), 'dlt-reply-')), 'templates.json');
    writeFileSync(
      file,
      JSON.stringify({
        templates: [
          {
            id: '1107160000000000301',
            text: 'जनसेतु: सूचना दर्ज, केस {#var#}। नंबर गुप्त रहेगा।',
            language: 'hi',
            kind: 'automatic',
          },
        ],
      }),
    );
    h = await inboxHarness(inject('runPrefix'), 'inbox_reply_dlt', [], {
      SMS_PROVIDER: 'dlt',
      DLT_SMS_URL: fake.url,
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: 'inbound-secret-0123456789',
      DLT_TEMPLATES_FILE: file,
    });
  });
  afterAll(async () => {
    await h?.close();
    await fake.stop();
  });

  it('refuses the reply with the reason, queueing nothing and leaving the case as it was', async () => {
    const tip = await h.tipAtMufassil('+919815000101');
    const replies = await h.replyCount();
    await expect(
      h.commands.execute(new ReplyToCaseCommand(h.officer['sho-mufassil'], tip.caseId, 'कल थाने आइए')),
    ).rejects.toMatchObject({ status: 400, message: 'reply: SMS: matches no registered DLT template' });
    expect(await h.replyCount()).toBe(replies);
    expect(await h.caseRow(tip.caseId)).toMatchObject({ status: 'new' });
  });
});
