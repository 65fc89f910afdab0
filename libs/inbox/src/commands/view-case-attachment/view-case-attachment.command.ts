import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/** An officer opens a case's photo, voice note, video or document: the bytes, and an audit event of the view. */
export class ViewCaseAttachmentCommand extends Command<{ bytes: Buffer; mimeType: string }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly attachmentId: string,
  ) {
    super();
  }
}
