import { Command } from '@nestjs/cqrs';
import { LoginResult } from '../../sessions/session-tokens';

export class LoginCommand extends Command<LoginResult> {
  constructor(
    readonly username: string,
    readonly password: string,
    /** The client address, for the login throttle (absent: the CLI and in-process callers, not throttled). */
    readonly address?: string,
    /** The 6-digit code of the officer's authenticator app, once enrolled. */
    readonly totpCode?: string,
    /** Or one of their one-time recovery codes (a lost phone). */
    readonly recoveryCode?: string,
  ) {
    super();
  }
}
