import { Command } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { MessageClass } from '../../domain/classifier';

export type CitizenMessageFiled =
  | {
      outcome: 'filed';
      caseId: string;
      caseNumber: number;
      label: MessageClass;
      queue: 'main' | 'filtered';
      urgent: boolean;
    }
  | { outcome: 'duplicate' | 'no-inbox' };

/** A citizen's message that is no membership command: a case in an inbox, or ERASE. Idempotent on `messageId`. */
export class FileCitizenMessageCommand extends Command<CitizenMessageFiled> {
  constructor(
    readonly messageId: string,
    readonly inbound: InboundMessage,
  ) {
    super();
  }
}
