import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/**
 * The access token lives in memory only, never in localStorage or sessionStorage. The refresh token is an httpOnly
 * cookie the gateway sets (Path=/api/v1/auth) that no script here can read; a reload resumes the session with it,
 * and the access token is renewed before it expires.
 */
let accessToken: string | null = null;
let renewal: ReturnType<typeof setTimeout> | undefined;
export const session = {
  set(token: string | null, expiresIn?: number) {
    accessToken = token;
    clearTimeout(renewal);
    // Renew at three quarters of the token's life (at least 10 s from now).
    if (token && expiresIn) renewal = setTimeout(() => void refresh(), Math.max(10, expiresIn * 0.75) * 1000);
  },
  get token() {
    return accessToken;
  },
};

/** Sent with every call that issues a session: the refresh token stays in the cookie, out of any response body. */
export const COOKIE_SESSION = { 'X-JanSetu-Refresh': '1' } as const;

/**
 * Spends the refresh cookie for a new access token (null: no session, sign in). Tabs of the console take turns
 * (Web Locks), so two never present the same refresh token, which the gateway would take for a stolen copy.
 */
export async function refresh(): Promise<string | null> {
  const run = async () => {
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...COOKIE_SESSION },
      body: '{}',
      credentials: 'same-origin',
    });
    if (!res.ok) {
      session.set(null);
      return null;
    }
    const body = (await res.json()) as { accessToken: string; expiresIn: number };
    session.set(body.accessToken, body.expiresIn);
    return body.accessToken;
  };
  return navigator.locks ? (navigator.locks.request('jansetu-refresh', run) as Promise<string | null>) : run();
}

/** Ends the session at the gateway (the cookie is cleared there) and here. */
export async function signOut(): Promise<void> {
  if (accessToken) await api.POST('/api/v1/auth/logout').catch(() => undefined);
  session.set(null);
}

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
    return request;
  },
};

/** The gateway's API, typed from its own OpenAPI description (src/api/openapi.json, `npm run console:api`). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** What the officer reads when a call fails: the gateway's reason (Hindi and English), never a bare status code. */
export function reasonOf(error: unknown, status?: number): string {
  const message = (error as { message?: string | string[] } | undefined)?.message;
  if (Array.isArray(message)) return message.join('; ');
  if (message) return message;
  if (status === 401) return 'फिर से साइन इन करें / Please sign in again';
  if (status === 403) return 'आपको इसकी अनुमति नहीं है / You may not do this';
  if (status === 404) return 'नहीं मिला / Not found';
  if (status === 429) return 'बहुत अनुरोध, थोड़ी देर बाद / Too many requests, try again shortly';
  return 'कुछ गलत हुआ, फिर कोशिश करें / Something went wrong, please try again';
}

/** The claims of our own access token, for showing who is signed in (the gateway checks them; we only display). */
export interface Me {
  id: string;
  username: string;
  role: string;
  jurisdictionPath: string | null;
}

export function claimsOf(token: string): Me {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
  const claims = JSON.parse(json) as { sub: string; usr: string; role: string; path: string | null };
  return { id: claims.sub, username: claims.usr, role: claims.role, jurisdictionPath: claims.path };
}
