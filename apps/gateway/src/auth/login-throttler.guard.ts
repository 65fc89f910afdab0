import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Counts login attempts per client address and username: guessing one officer's password is slowed down, while
 * the officers of a whole thana behind one NAT address can still sign in.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: { ip?: string; body?: { username?: unknown } }): Promise<string> {
    const username = typeof req.body?.username === 'string' ? req.body.username.toLowerCase() : '';
    return `${req.ip ?? 'unknown'}|${username}`;
  }
}
