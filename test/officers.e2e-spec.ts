import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '@jansetu/testing';
import { ADMIN, Deployment, SAMPLE_CSV, startDistributed } from './support';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('officer accounts, distributed: sessions end when postings change', () => {
  let d: Deployment;
  let admin: ApiClient;
  const brokers = inject('kafkaBrokers');

  const signIn = async (username: string, password: string): Promise<Tokens> => {
    const res = await d.api.request<Tokens>('POST', '/api/v1/auth/login', { username, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const me = (t: Tokens) =>
    d.api.request<{ username: string; jurisdictionCode: string }>('GET', '/api/v1/me', undefined, t.accessToken);
  const newOfficer = async (username: string, role: string, jurisdictionCode: string) => {
    const res = await admin.request<{ id: string }>('POST', '/api/v1/officers', {
      username,
      password: `${username}-password`,
      role,
      jurisdictionCode,
      displayName: username,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };

  beforeAll(async () => {
    // A small address allowance so the spraying case stays short; the default is 100 failures.
    d = await startDistributed(inject('runPrefix'), 'officers', brokers, { LOGIN_ADDRESS_FREE_FAILURES: '15' });
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
    expect((await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV })).status).toBe(201);
  });
  afterAll(async () => d?.stop());

  it('refuses a disabled officer’s token on the next request, and a transferred officer’s old session', async () => {
    const id = await newOfficer('sho.kotwali', 'station_officer', 'PAT-KOTWALI');
    const phone = await signIn('sho.kotwali', 'sho.kotwali-password');
    expect((await me(phone)).body).toMatchObject({ username: 'sho.kotwali', jurisdictionCode: 'PAT-KOTWALI' });
    expect((await admin.request('POST', `/api/v1/officers/${id}/disable`, { reason: 'phone stolen' })).status).toBe(
      200,
    );
    expect((await me(phone)).status).toBe(401);
    expect((await d.api.request('POST', '/api/v1/auth/refresh', { refreshToken: phone.refreshToken })).status).toBe(
      401,
    );
    expect((await admin.request('POST', `/api/v1/officers/${id}/enable`, { reason: 'recovered' })).status).toBe(200);
    const desk = await signIn('sho.kotwali', 'sho.kotwali-password');
    const mismatch = await admin.request<{ message: string }>('POST', `/api/v1/officers/${id}/transfer`, {
      jurisdictionCode: 'PAT',
      reason: 'posting',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toMatch(/station_officer is posted at station level/);
    expect((await me(desk)).status).toBe(200);
    const moved = await admin.request('POST', `/api/v1/officers/${id}/transfer`, {
      jurisdictionCode: 'PAT-KADAMKUAN',
      reason: 'transfer order 12/2026',
    });
    expect(moved.status).toBe(200);
    expect((await me(desk)).status).toBe(401);
    const after = await signIn('sho.kotwali', 'sho.kotwali-password');
    expect((await me(after)).body).toMatchObject({ jurisdictionCode: 'PAT-KADAMKUAN' });
  });

  it('rotates refresh tokens and ends the family when a spent one is replayed', async () => {
    await newOfficer('sho.kadamkuan', 'station_officer', 'PAT-KADAMKUAN');
    const first = await signIn('sho.kadamkuan', 'sho.kadamkuan-password');
    const second = await d.api.request<Tokens>('POST', '/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect((await me(second.body)).status).toBe(200);
    expect((await d.api.request('POST', '/api/v1/auth/refresh', { refreshToken: first.refreshToken })).status).toBe(
      401,
    );
    expect((await me(second.body)).status).toBe(401);
    expect(
      (await d.api.request('POST', '/api/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status,
    ).toBe(401);
  });

  it('refuses weak passwords with a reason in Hindi and English', async () => {
    for (const password of ['aaaaaaaaaaaa', '123456789012', ' '.repeat(12), 'password1234']) {
      const res = await admin.request<{ message: string }>('POST', '/api/v1/officers', {
        username: 'sho.weak',
        password,
        role: 'station_officer',
        jurisdictionCode: 'PAT-KOTWALI',
        displayName: 'weak',
      });
      expect(res.status, password).toBe(400);
      expect(res.body.message).toMatch(/पासवर्ड/);
    }
  });

  it('slows spraying from one address, while the officer known at that address still signs in', async () => {
    await newOfficer('sho.barh', 'station_officer', 'PAT-BARH-PS');
    await signIn('sho.barh', 'sho.barh-password');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${d.api.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `sprayed.${i}`, password: 'Summer2026!Patna' }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The rightful officer behind the same (NAT) address is not slowed by the spray.
    expect((await me(await signIn('sho.barh', 'sho.barh-password'))).status).toBe(200);
    // Guessing one officer's password: delayed after five failures, never locked out for good.
    const guesses: number[] = [];
    for (let i = 0; i < 6; i++) {
      guesses.push(
        (await d.api.request('POST', '/api/v1/auth/login', { username: 'sho.barh', password: `guess-${i}` })).status,
      );
    }
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
