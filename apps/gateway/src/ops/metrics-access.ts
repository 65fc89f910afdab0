import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@jansetu/platform';

export type MetricsAccess = 'open' | 'token' | 'operators-port' | 'off';

/**
 * Who may scrape the gateway's /metrics on its public port. METRICS_PORT moves them to an operators' port;
 * METRICS_TOKEN asks for a bearer token; with neither, only embedded mode (which listens on loopback) serves them.
 */
export function metricsAccess(config: Pick<AppConfig, 'METRICS_PORT' | 'METRICS_TOKEN' | 'mode'>): MetricsAccess {
  if (config.METRICS_PORT) return 'operators-port';
  if (config.METRICS_TOKEN) return 'token';
  return config.mode === 'embedded' ? 'open' : 'off';
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const [scheme, given] = (header ?? '').split(' ');
  if (scheme !== 'Bearer' || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
