import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/**
 * The session lives in memory only: a reload asks for the password again, and no token ever sits in localStorage
 * where a script injected into the page could read it later.
 */
let accessToken: string | null = null;
export const session = {
  set(token: string | null) {
    accessToken = token;
  },
  get token() {
    return accessToken;
  },
};

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
