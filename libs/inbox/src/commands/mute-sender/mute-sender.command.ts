import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

/**
 * Mutes the sender of a case at that case's inbox: their later messages are kept in the filtered queue without
 * a reply (an emergency still gets "dial 112").
 */
export class MuteSenderCommand extends Command<{ id: string; muted: true }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly caseId: string,
    readonly reason: string | null,
  ) {
    super();
  }
}
