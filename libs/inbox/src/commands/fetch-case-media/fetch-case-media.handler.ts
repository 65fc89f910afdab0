import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import sharp from 'sharp';
import { ChannelName, ChannelRegistry, MediaTooLargeError } from '@jansetu/channels';
import { APP_CONFIG, AppConfig, BLOB_STORE, BlobStore, DataKeys, ShreddedError } from '@jansetu/platform';
import { sniffMedia } from '../../domain/media-types';
import { AttachmentRepository, PendingAttachment } from '../../persistence/attachment.repository';
import { FetchCaseMediaCommand } from './fetch-case-media.command';

const size = (bytes: number) =>
  bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} kB`;

/** A provider that fails this often for one attachment is given up on (its media links expire anyway). */
const FETCH_ATTEMPTS = 3;

/**
 * Downloads each attachment from the provider it came through, checks what it is by its bytes, strips images of
 * their metadata (EXIF location, camera and phone serials) by re-encoding them, and keeps it sealed under the
 * sender's data key in the blob store. A provider failure is retried (the event is redelivered) a few times.
 */
@CommandHandler(FetchCaseMediaCommand)
export class FetchCaseMediaHandler implements ICommandHandler<FetchCaseMediaCommand> {
  private readonly logger = new Logger(FetchCaseMediaHandler.name);

  constructor(
    private readonly attachments: AttachmentRepository,
    private readonly channels: ChannelRegistry,
    private readonly keys: DataKeys,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ messageId }: FetchCaseMediaCommand): Promise<{ stored: number; notKept: number }> {
    let stored = 0;
    let notKept = 0;
    for (const a of await this.attachments.pendingOfMessage(messageId)) {
      if (await this.keep(a)) stored++;
      else notKept++;
    }
    return { stored, notKept };
  }

  private async keep(a: PendingAttachment): Promise<boolean> {
    const lines = this.channels.route(a.channel as ChannelName);
    const adapter = a.provider ? lines.find((l) => l.capabilities.provider === a.provider) : lines[0];
    if (!adapter?.fetchMedia) {
      await this.attachments.notKept(a.id, 'failed', `the ${a.channel} channel cannot fetch media`);
      return false;
    }
    let ref: string;
    try {
      ref = await this.keys.open(a.refSealed);
    } catch (e) {
      if (!(e instanceof ShreddedError)) throw e;
      await this.attachments.notKept(a.id, 'failed', 'erased by the sender');
      return false;
    }
    let fetched;
    try {
      fetched = await adapter.fetchMedia(ref, this.config.MEDIA_MAX_BYTES);
    } catch (e) {
      if (e instanceof MediaTooLargeError) {
        await this.attachments.notKept(a.id, 'refused', `larger than ${size(e.maxBytes)}`);
        return false;
      }
      const attempts = await this.attachments.failedAttempt(a.id);
      if (attempts < FETCH_ATTEMPTS) throw e;
      this.logger.warn(`attachment ${a.id}: given up after ${attempts} attempts: ${(e as Error).message}`);
      await this.attachments.notKept(a.id, 'failed', 'the provider did not hand it over');
      return false;
    }
    const type = sniffMedia(fetched.bytes);
    if (!type) {
      await this.attachments.notKept(a.id, 'refused', 'not a photo, voice note, video or PDF');
      return false;
    }
    let bytes = fetched.bytes;
    if (type.kind === 'image') {
      try {
        // Re-encoding drops every metadata block; rotate() first applies the EXIF orientation it would lose.
        bytes = await sharp(bytes, { failOn: 'error' })
          .rotate()
          .toFormat(type.mimeType === 'image/png' ? 'png' : type.mimeType === 'image/webp' ? 'webp' : 'jpeg')
          .toBuffer();
      } catch {
        await this.attachments.notKept(a.id, 'refused', 'a damaged image');
        return false;
      }
    }
    try {
      await this.blobs.put(a.id, await this.keys.sealBytesLike(a.caseTextSealed, bytes));
    } catch (e) {
      if (!(e instanceof ShreddedError)) throw e;
      await this.attachments.notKept(a.id, 'failed', 'erased by the sender');
      return false;
    }
    await this.attachments.stored(a.id, type.kind, type.mimeType, bytes.length);
    return true;
  }
}
