import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { BLOB_STORE, BlobStore, DataKeys, DomainError, NotFoundError, ShreddedError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { AttachmentRepository } from '../../persistence/attachment.repository';
import { CaseRepository } from '../../persistence/case.repository';
import { ViewCaseAttachmentCommand } from './view-case-attachment.command';

/** Only officers who may see the case, and every view is on the case's audit chain (who, which attachment). */
@CommandHandler(ViewCaseAttachmentCommand)
export class ViewCaseAttachmentHandler implements ICommandHandler<ViewCaseAttachmentCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly attachments: AttachmentRepository,
    private readonly keys: DataKeys,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, attachmentId }: ViewCaseAttachmentCommand) {
    const row = caseVisibleTo(officer, await this.cases.findRow(this.dataSource.manager, caseId));
    const attachment = await this.attachments.one(row.id, attachmentId);
    if (!attachment || attachment.status !== 'stored') throw new NotFoundError('attachment / संलग्नक');
    let bytes: Buffer;
    try {
      bytes = await this.keys.openBytes(await this.blobs.get(attachment.id));
    } catch (e) {
      if (e instanceof ShreddedError)
        throw new DomainError('erased', 'the sender erased their data / भेजने वाले ने अपना डेटा मिटा दिया', 404);
      throw e;
    }
    await this.dataSource.transaction((m) =>
      this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.attachment_viewed',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
        body: { attachmentId: attachment.id, kind: attachment.kind, mimeType: attachment.mimeType },
      }),
    );
    return { bytes, mimeType: attachment.mimeType! };
  }
}
