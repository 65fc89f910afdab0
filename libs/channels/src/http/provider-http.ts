import { Pool } from 'undici';

/** What a provider answered to a send: status, headers (lower-case names) and the body read whole. */
export interface ProviderResponse {
  status: number;
  header(name: string): string | undefined;
  text: string;
}

export interface ProviderRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** No answer (headers, then each chunk of the body) for this long fails the request. */
  timeoutMs: number;
}

/** The send path's HTTP client (a seam for tests that must see or fake the exchange). */
export type ProviderHttp = (url: string, init: ProviderRequest) => Promise<ProviderResponse>;

// Sockets kept open per provider origin: the dispatcher has up to 600 sends in flight (3 buckets, 2 batches of
// 100); beyond this they queue on the pool instead of opening a connection each.
const CONNECTIONS = 64;
const pools = new Map<string, Pool>();

/**
 * Sends through undici's `Pool`, one per origin shared by every adapter of the process, with keep-alive
 * connections: `fetch` (undici underneath too) wraps each exchange in WHATWG streams, an AbortSignal and a
 * Response, about a fifth of the dispatcher's CPU a message in its profile; `Pool.request` does not. Transport
 * errors reject (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT ...); an HTTP error status is an answer like any other.
 */
export const pooledHttp: ProviderHttp = async (url, { method, headers, body, timeoutMs }) => {
  const target = new URL(url);
  let pool = pools.get(target.origin);
  if (!pool) {
    pool = new Pool(target.origin, { connections: CONNECTIONS, keepAliveTimeout: 30_000 });
    pools.set(target.origin, pool);
  }
  const response = await pool.request({
    path: target.pathname + target.search,
    method,
    headers,
    body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    header: (name) => {
      const value = response.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    text,
  };
};

/** The name of a transport error, fit for a delivery record: its code (ECONNREFUSED ...) or its class. */
export function transportErrorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown error';
}

const DEFAULT_RETRY_AFTER_MS = 1000;

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110); absent or unreadable means one second. */
export function retryAfterMs(header: string | null | undefined): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - Date.now());
}

/** A body as JSON, or undefined when it is none (an HTML error page from a proxy, an empty answer). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
