import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { HeldReplyRepository } from '../../persistence/held-replies.repository';
import { SendReplyCommand } from '../send-reply/send-reply.command';
import { ReleaseHeldRepliesCommand } from './release-held-replies.command';

const BATCH = 50;
/** Longer than one reply's own tries (3 rounds, under 15 s): a held reply is never taken twice at once. */
const LEASE_SECONDS = 120;

@CommandHandler(ReleaseHeldRepliesCommand)
export class ReleaseHeldRepliesHandler implements ICommandHandler<ReleaseHeldRepliesCommand> {
  constructor(
    private readonly held: HeldReplyRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute(): Promise<{ tried: number; sent: number }> {
    const due = await this.held.takeDue(BATCH, LEASE_SECONDS);
    let sent = 0;
    // One at a time: they wait on the same providers, which pace them anyway.
    for (const { messageId, reply } of due) {
      const result = await this.commands.execute(new SendReplyCommand(messageId, reply));
      if (result.sent) sent++;
    }
    return { tried: due.length, sent };
  }
}
