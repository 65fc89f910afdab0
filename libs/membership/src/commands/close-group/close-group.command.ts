import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface GroupClosed {
  id: string;
  status: 'closed';
  closedAt: string;
}

/**
 * Closes a group: it takes no new members (a JOIN gets a reply saying so) and no new broadcasts; its members keep
 * their consent records and can still leave. Closing a closed group changes nothing.
 */
export class CloseGroupCommand extends Command<GroupClosed> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupId: string,
  ) {
    super();
  }
}
