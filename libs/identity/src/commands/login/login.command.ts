import { Command } from '@nestjs/cqrs';
import { SessionTokensIssued } from '../../sessions/session-tokens';

export class LoginCommand extends Command<SessionTokensIssued> {
  constructor(
    readonly username: string,
    readonly password: string,
    /** The client address, for the login throttle (absent: the CLI and in-process callers, not throttled). */
    readonly address?: string,
  ) {
    super();
  }
}
