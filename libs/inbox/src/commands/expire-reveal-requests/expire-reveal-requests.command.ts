import { Command } from '@nestjs/cqrs';

/**
 * Requests unanswered past their deadline become 'expired', each audited as inbox.reveal_expired (system actor);
 * identities opened for a view window that has ended are destroyed. Run before the reveal report and by the
 * dispatcher's schedule; idempotent.
 */
export class ExpireRevealRequestsCommand extends Command<{ expired: number }> {}
