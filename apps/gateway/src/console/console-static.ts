import { resolve } from 'node:path';

/** Where `npm run build` puts the console (vite build of apps/console); the gateway runs from the repository root. */
export const CONSOLE_DIR = resolve('dist', 'console');

/**
 * The console loads only its own files and talks only to this origin: no inline script, no third-party host, no
 * framing (clickjacking), so a tip text or a group name can never run as code in an officer's browser.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  // Citizens' voice notes and videos, played from the bytes the console fetched with the officer's token.
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function consoleHeaders(res: { setHeader(name: string, value: string): void }): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}
