import { nextTotpCode, rememberTotpSecret } from './factories/officer.factory';

/** A small HTTP client for the gateway's API, as an officer's console or a provider would call it. */
export class ApiClient {
  token?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, token = this.token) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json as T };
  }

  /**
   * Signs in as the console does: the first time a role that needs a second factor signs in, it enrols the
   * authenticator app (kept by the test's authenticator, see officer.factory.ts), afterwards it answers the code.
   */
  async login(username: string, password: string): Promise<string> {
    type Answer = { accessToken?: string; step?: string; enrolmentToken?: string };
    // By username: a gateway restarted on another port keeps its officers; a fresh database enrols them anew.
    const key = username;
    let res = await this.request<Answer>('POST', '/api/v1/auth/login', { username, password });
    if (res.status === 200 && res.body.step === 'totp_enrolment_required') {
      const enrol = await this.request<{ secret: string }>(
        'POST',
        '/api/v1/me/totp/enrol',
        {},
        res.body.enrolmentToken,
      );
      if (enrol.status !== 200) throw new Error(`enrol ${username}: ${enrol.status} ${JSON.stringify(enrol.body)}`);
      rememberTotpSecret(key, enrol.body.secret);
      const confirm = await this.request<{ session?: { accessToken: string } }>(
        'POST',
        '/api/v1/me/totp/confirm',
        { code: await nextTotpCode(key) },
        res.body.enrolmentToken,
      );
      if (confirm.status !== 200)
        throw new Error(`confirm ${username}: ${confirm.status} ${JSON.stringify(confirm.body)}`);
      return confirm.body.session!.accessToken;
    }
    if (res.status === 200 && res.body.step === 'totp_required') {
      res = await this.request<Answer>('POST', '/api/v1/auth/login', {
        username,
        password,
        totpCode: await nextTotpCode(key),
      });
    }
    if (res.status !== 200 || !res.body.accessToken) {
      throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body.accessToken;
  }

  /** Logs in and keeps the token for later calls. */
  as(token: string): ApiClient {
    const client = new ApiClient(this.baseUrl);
    client.token = token;
    return client;
  }
}
