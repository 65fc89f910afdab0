import { Request, Response } from 'express';

/** The console's refresh token: httpOnly (no script reads it), only ever sent to the auth routes. */
export const REFRESH_COOKIE = 'jansetu_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
/**
 * A refresh by cookie must carry this header. A cross-site form or image cannot set a custom header, and the
 * gateway allows no CORS, so a page elsewhere cannot make the browser spend the cookie: this header, with
 * SameSite=Strict, is the CSRF defence of POST /auth/refresh (the only route that reads the cookie).
 */
export const REFRESH_HEADER = 'x-jansetu-refresh';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Secure (HTTPS only) unless the request itself came over plain http to a loopback address: embedded mode and the
 * tests on http://127.0.0.1. Behind a TLS proxy the Host is the public name, so the cookie is Secure there.
 */
export function cookieIsSecure(req: Request): boolean {
  return !(req.protocol === 'http' && LOOPBACK.has(req.hostname));
}

export function setRefreshCookie(req: Request, res: Response, token: string, ttlSeconds: number): void {
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(req),
    path: REFRESH_COOKIE_PATH,
    maxAge: ttlSeconds * 1000,
  });
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(req),
    path: REFRESH_COOKIE_PATH,
  });
}

/** The cookie's token, if the request carries one (cookie-parser reads the header). */
export function refreshCookieOf(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
