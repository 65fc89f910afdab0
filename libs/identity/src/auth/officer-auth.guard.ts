import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Request } from 'express';
import { OfficerPrincipal } from '../domain/officer-principal';
import { Role } from '../domain/role';
import { SessionCheck } from '../sessions/session-check';
import { DURING_ENROLMENT_KEY, DURING_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenClaims } from './token-claims';

/**
 * Global guard. Every route under /api/ needs a valid officer token of a current session and an allowed role;
 * routes that declare no roles are refused. Webhooks, health, metrics and docs live outside /api/ and verify their
 * callers themselves. The session check (disabled, transferred, logged out) is answered from a cache of bounded
 * staleness (SessionCheck), not a database round trip per request.
 */
@Injectable()
export class OfficerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionCheck,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & { officer?: OfficerPrincipal }>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const declared = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // A route that declares roles is an officer route wherever it is mounted; anything under /api/ is one too,
    // compared without case because Express routes '/API/...' to the same handlers.
    if (!declared && !req.path.toLowerCase().startsWith('/api/')) return true;

    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Bearer token required / टोकन आवश्यक है');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException('invalid or expired token / टोकन अमान्य या समाप्त');
    }
    if (!(await this.sessions.isCurrent(claims))) {
      throw new UnauthorizedException('session ended; sign in again / सत्र समाप्त, फिर से लॉगिन करें');
    }
    const allowed = declared ?? [];
    if (!allowed.includes(claims.role)) {
      throw new ForbiddenException(`role ${claims.role} may not do this / इस भूमिका को अनुमति नहीं`);
    }
    if (claims.pwc && !this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE_KEY, targets)) {
      throw new ForbiddenException(
        'change your password first (POST /api/v1/me/password) / पहले अपना पासवर्ड बदलें (POST /api/v1/me/password)',
      );
    }
    if (claims.enr && !this.reflector.getAllAndOverride<boolean>(DURING_ENROLMENT_KEY, targets)) {
      throw new ForbiddenException(
        'set up your second factor first (POST /api/v1/me/totp/enrol) / पहले दूसरा कारक सेट करें (POST /api/v1/me/totp/enrol)',
      );
    }
    req.officer = {
      id: claims.sub,
      username: claims.usr,
      role: claims.role,
      jurisdictionNodeId: claims.node,
      jurisdictionPath: claims.path,
      sessionId: claims.sid,
      ...(claims.enr ? { enrolmentPending: true } : {}),
    };
    return true;
  }
}
