import { Command } from '@nestjs/cqrs';
import { SessionTokensIssued } from '../../sessions/session-tokens';

/** Trades a refresh token for a new pair; the presented one is spent. */
export class RefreshSessionCommand extends Command<SessionTokensIssued> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
