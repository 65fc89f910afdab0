import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { LoginThrottle } from '@jansetu/identity';

/**
 * Slows password guessing before the password is checked: a username that failed too often waits (progressively,
 * capped: a delay, never a lock-out), and an address spraying many usernames is slowed except for the officers who
 * have signed in from it before (a thana's shared NAT address). Answers 429 with Retry-After.
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  constructor(private readonly throttle: LoginThrottle) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const body = req.body as { username?: unknown } | undefined;
    const username = typeof body?.username === 'string' ? body.username : '';
    const wait = await this.throttle.retryAfter(username, req.ip ?? 'unknown');
    if (wait > 0) {
      ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new HttpException(
        `too many failed sign-ins; retry in ${wait} s / बहुत अधिक असफल लॉगिन; ${wait} सेकंड बाद पुनः प्रयास करें`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }
}
