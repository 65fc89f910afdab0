import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SimulatorAdapter } from '@jansetu/channels';
import { DataKeys } from '@jansetu/platform';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { GetCaseQuery } from '../../queries/get-case/get-case.query';
import { FileCitizenMessageCommand } from '../file-citizen-message/file-citizen-message.command';
import { ViewCaseAttachmentCommand } from '../view-case-attachment/view-case-attachment.command';
import { FetchCaseMediaCommand } from './fetch-case-media.command';

/** A photo as a phone takes it: with the camera's make and model and where it was taken, in EXIF. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'InformantPhoneCo', Model: 'IMEI-356938035643809', Copyright: 'GPS 25.8603N 85.7812E' },
    })
    .toBuffer();
}

describe('media and location tips: fetched, checked, stripped, sealed, shown to the station only', () => {
  let h: InboxHarness;
  let simulator: SimulatorAdapter;
  let keys: DataKeys;
  const mediaDir = mkdtempSync(join(tmpdir(), 'jansetu-media-'));

  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_media', [], {
      CHANNEL_SIMULATOR: 'true',
      MEDIA_DIR: mediaDir,
      MEDIA_MAX_BYTES: '20000',
    });
    simulator = h.module.get(SimulatorAdapter);
    keys = h.module.get(DataKeys);
  });
  afterAll(async () => h?.close());

  /** A member of Dharampur (Mufassil station) sends `text` with these attachments and location. */
  async function sends(
    address: string,
    text: string,
    media: Buffer[],
    location?: { latitude: number; longitude: number },
  ) {
    await h.member('simulator', address, h.group.dharampur);
    const mediaIds = await Promise.all(media.map((b) => simulator.addMedia(b, 'image/jpeg')));
    const messageId = randomUUID();
    const filed = await h.commands.execute(
      new FileCitizenMessageCommand(messageId, {
        channel: 'simulator',
        fromSealed: h.cipher.encrypt(address),
        text,
        providerMessageId: `ref-${randomUUID()}`,
        receivedAt: new Date().toISOString(),
        mediaSealed: await keys.sealFor(
          'simulator',
          address,
          JSON.stringify({ provider: 'simulator', mediaIds, location }),
        ),
      }),
    );
    if (filed.outcome !== 'filed') throw new Error(filed.outcome);
    return { messageId, caseId: filed.caseId, filed };
  }
  const detail = (who: string, caseId: string) => h.queries.execute(new GetCaseQuery(h.officer[who], caseId));

  it('files a photo without words as a tip in the main queue, and keeps it without its EXIF, sealed', async () => {
    const photo = await phonePhoto();
    expect((await sharp(photo).metadata()).exif).toBeDefined(); // the phone's EXIF is there to begin with
    const { messageId, caseId, filed } = await sends('sim-media-1', '', [photo], {
      latitude: 25.8603,
      longitude: 85.7812,
    });
    expect(filed).toMatchObject({ label: 'tip', queue: 'main', urgent: false });
    expect((await detail('sho-mufassil', caseId)).attachments).toEqual([
      { id: expect.any(String), status: 'pending', kind: null, mimeType: null, sizeBytes: null, failure: null },
    ]);

    expect(await h.commands.execute(new FetchCaseMediaCommand(messageId))).toEqual({ stored: 1, notKept: 0 });
    expect(await h.commands.execute(new FetchCaseMediaCommand(messageId))).toEqual({ stored: 0, notKept: 0 }); // once
    const shown = await detail('sho-mufassil', caseId);
    expect(shown.location).toEqual({ latitude: 25.8603, longitude: 85.7812 });
    const [attachment] = shown.attachments;
    expect(attachment).toMatchObject({ status: 'stored', kind: 'image', mimeType: 'image/jpeg', failure: null });

    const viewed = await h.commands.execute(
      new ViewCaseAttachmentCommand(h.officer['sho-mufassil'], caseId, attachment.id),
    );
    expect(viewed.mimeType).toBe('image/jpeg');
    const meta = await sharp(viewed.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 32, 24, undefined]);
    expect(viewed.bytes.includes(Buffer.from('IMEI-356938035643809'))).toBe(false);
    expect(viewed.bytes.includes(Buffer.from('InformantPhoneCo'))).toBe(false);

    // On disk: sealed bytes, not a JPEG anyone with a copy of the folder could open.
    const files = readdirSync(mediaDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const onDisk = readFileSync(join(files[0].parentPath, files[0].name));
    expect(onDisk.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(onDisk.subarray(0, 3).toString()).toBe('dk:');

    // Every view is audited on the case's chain, naming the officer and the attachment, never the bytes.
    const [event] = (await h.auditEvents('inbox.attachment_viewed')).slice(-1);
    expect(event.event).toMatchObject({
      actor: { kind: 'officer', officerId: h.officer['sho-mufassil'].id },
      body: { attachmentId: attachment.id, kind: 'image', mimeType: 'image/jpeg' },
    });
  });

  it('shows nothing of it to another station, and nothing to anyone once the sender erased their data', async () => {
    const { messageId, caseId } = await sends('sim-media-2', 'ye dekhiye sir, yahi gaadi hai', [await phonePhoto()]);
    await h.commands.execute(new FetchCaseMediaCommand(messageId));
    const [attachment] = (await detail('sho-mufassil', caseId)).attachments;
    await expect(detail('sho-town', caseId)).rejects.toMatchObject({ status: 404 });
    await expect(
      h.commands.execute(new ViewCaseAttachmentCommand(h.officer['sho-town'], caseId, attachment.id)),
    ).rejects.toMatchObject({ status: 404 });

    await h.erase('simulator', 'sim-media-2');
    await expect(
      h.commands.execute(new ViewCaseAttachmentCommand(h.officer['sho-mufassil'], caseId, attachment.id)),
    ).rejects.toMatchObject({ status: 404, code: 'erased' });
  });

  it('refuses what is not a photo, voice note, video or PDF whatever its declared type, and what is too large', async () => {
    const html = Buffer.from('<html><script>fetch("/api/v1/me")</script></html>');
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(30_000)]);
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')]);
    const { messageId, caseId } = await sends('sim-media-3', 'sharab ka adda', [html, big, broken]);
    expect(await h.commands.execute(new FetchCaseMediaCommand(messageId))).toEqual({ stored: 0, notKept: 3 });
    expect((await detail('sho-mufassil', caseId)).attachments.map((a) => [a.status, a.failure])).toEqual([
      ['refused', 'not a photo, voice note, video or PDF'],
      ['refused', 'larger than 20 kB'],
      ['refused', 'a damaged image'],
    ]);
  });
});
