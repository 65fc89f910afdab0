import { Command } from '@nestjs/cqrs';

/**
 * Fetches, checks and stores the attachments of the case filed from inbound message `messageId` (those still
 * pending): run after filing, outside its transaction; again on redelivery, when it does only what is left.
 */
export class FetchCaseMediaCommand extends Command<{ stored: number; notKept: number }> {
  constructor(readonly messageId: string) {
    super();
  }
}
